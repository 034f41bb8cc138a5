import { AppError, ErrorCode } from '../shared/errors.js';
import type { EmClient, QueryListPage } from './client.js';
import { EmError } from './errors.js';
import type { EmEntity } from './mappers/documents.js';
import { enumValue, nameLookup, where, type Filter, type QuerySpec } from './query.js';
import { COLLECTIONS, SESSION_FIELDS, TASK_FIELDS } from './query-fields.js';
import {
  SESSION_KINDS,
  TASK_SESSION_KINDS,
  sessionsOfKind,
  type EmLink,
  type Session,
  type SessionKind,
  type SessionOf,
  type TaskSession,
  type TaskSessionKind,
} from './types.js';

/** Identifies a job, CDP policy or failover plan: by UID when the catalog knows it, else by name. */
export type OwnerRef = { uid: string } | { name: string };

/**
 * The newest sessions of one job, policy or plan, newest first: one filtered, sorted, paged query.
 * Looking up by UID keeps user text out of the filter entirely (the catalog resolved the name).
 */
export async function latestSessionsOf<K extends SessionKind>(
  client: EmClient,
  kind: K,
  owner: OwnerRef,
  limit: number,
): Promise<Array<SessionOf<K>>> {
  const fields = SESSION_FIELDS[kind];
  const spec = { type: kind, sortDesc: fields.creation, pageSize: Math.min(limit, 100) };
  if ('uid' in owner && fields.ownerUid) {
    const filter = where(fields.ownerUid, '==', owner.uid);
    return sessionsOfKind(kind, await client.querySessions({ ...spec, filter }, limit));
  }
  const lookup = nameLookup(fields.owner, ownerName(owner));
  const sessions = await collectMatching(
    client,
    lookup.filter ? { ...spec, filter: lookup.filter } : spec,
    (page) => page.sessions.filter((session) => lookup.matches(session.jobName)),
    limit,
  );
  return sessionsOfKind(kind, sessions);
}

/** Items a name look-up reads at most when its filter cannot narrow the query to the exact name. */
const NAME_SCAN_LIMIT = 2000;

/**
 * Pages through a query keeping what `pick` accepts until `limit` items are kept, reading at most
 * NAME_SCAN_LIMIT items: for name look-ups whose safe filter is wider than the name (see nameLookup).
 */
async function collectMatching<T>(
  client: EmClient,
  spec: QuerySpec,
  pick: (page: QueryListPage) => T[],
  limit: number,
): Promise<T[]> {
  const kept: T[] = [];
  for await (const page of client.pages(spec, NAME_SCAN_LIMIT)) {
    kept.push(...pick(page));
    if (kept.length >= limit) break;
  }
  return kept.slice(0, limit);
}

function ownerName(owner: OwnerRef): string {
  if ('name' in owner) return owner.name;
  throw new AppError(ErrorCode.FilterValue, 'this session type has no owner UID field; look it up by name');
}

/** The newest task sessions of a VM across backup, replication and CDP, newest first. */
export async function latestTaskSessionsOfVm(
  client: EmClient,
  vmName: string,
  limit: number,
  kinds: readonly TaskSessionKind[] = TASK_SESSION_KINDS,
): Promise<TaskSession[]> {
  const perKind = await Promise.all(
    kinds.map((kind) => {
      const lookup = nameLookup(TASK_FIELDS[kind].vm, vmName);
      const spec = { type: kind, sortDesc: TASK_FIELDS[kind].creation, pageSize: Math.min(limit, 100) };
      return collectMatching(
        client,
        lookup.filter ? { ...spec, filter: lookup.filter } : spec,
        (page) => page.tasks.filter((task) => lookup.matches(task.vmName)),
        limit,
      );
    }),
  );
  return perKind
    .flat()
    .sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0))
    .slice(0, limit);
}

/** Result is Warning or Failed, spelled as an OR so it holds whatever EM does with `None` ordering (docs/em-protocol.md, "Where None sorts"). */
export function problemResultFilter(resultField: string): Filter {
  return {
    or: [where(resultField, '==', enumValue('Warning')), where(resultField, '==', enumValue('Failed'))],
  };
}

/** Sessions of one kind that ended with Warning or Failed in [since, until), oldest end first. */
export function problemSessionsSince(
  client: EmClient,
  kind: SessionKind,
  window: { since: Date; until?: Date },
  limit: number,
  pageSize = 200,
): Promise<Session[]> {
  return client.querySessions(problemSessionsQuery(kind, window, Math.min(pageSize, limit)), limit);
}

/** The query of problemSessionsSince: Warning or Failed sessions of one kind ending in [since, until), oldest end first. */
export function problemSessionsQuery(
  kind: SessionKind,
  window: { since: Date; until?: Date },
  pageSize: number,
): QuerySpec {
  const fields = SESSION_FIELDS[kind];
  const conditions: Filter[] = [where(fields.end, '>=', window.since), problemResultFilter(fields.result)];
  if (window.until) conditions.push(where(fields.end, '<', window.until));
  return { type: kind, filter: { and: conditions }, sortAsc: fields.end, pageSize };
}

/** Sessions of one kind still in progress (State is not Stopped), newest first (docs/em-protocol.md, "Where None sorts": not via Result). */
export async function runningSessions<K extends SessionKind>(
  client: EmClient,
  kind: K,
  limit: number,
): Promise<Array<SessionOf<K>>> {
  const fields = SESSION_FIELDS[kind];
  const sessions = await client.querySessions(
    {
      type: kind,
      filter: where(fields.state, '!=', enumValue('Stopped')),
      sortDesc: fields.creation,
      pageSize: Math.min(limit, 100),
    },
    limit,
  );
  return sessionsOfKind(kind, sessions);
}

/** The task sessions of a session: through its Down link (entity form), or inline for cloud failover. */
export async function taskSessionsOf(client: EmClient, session: Session): Promise<TaskSession[]> {
  if (session.kind === 'CloudFailoverSession') return [];
  const down = session.links.find((link) => link.rel === 'Down' && /TaskSession/i.test(link.type ?? ''));
  if (!down) return [];
  const document = await client.get(withEntityFormat(down.href));
  return document.kind === 'list' ? document.tasks : [];
}

/** The session a task session belongs to, through its Up link. */
export async function parentSessionOf(client: EmClient, task: TaskSession): Promise<Session | undefined> {
  const up = parentSessionLink(task);
  if (!up) return undefined;
  const document = await client.get(withEntityFormat(up.href));
  return document.kind === 'session' ? document.session : undefined;
}

/** The job (or CDP policy) a session belongs to, through its Up link, as an entity; undefined without one. */
export async function jobOf(client: EmClient, session: Session): Promise<EmEntity | undefined> {
  const up = upLink(session, 'JobReference') ?? upLink(session, 'CdpPolicyReference');
  return up ? entityAt(client, up.href) : undefined;
}

/** The backup server a session or task session ran on, through its Up link, as an entity. */
export async function backupServerOf(
  client: EmClient,
  resource: { links: EmLink[] },
): Promise<EmEntity | undefined> {
  const up = upLink(resource, 'BackupServerReference');
  return up ? entityAt(client, up.href) : undefined;
}

async function entityAt(client: EmClient, href: string): Promise<EmEntity | undefined> {
  const document = await client.get(withEntityFormat(href));
  return document.kind === 'entity' ? document.entity : undefined;
}

/** A task session's Up link to its job, CDP or failover session. */
function parentSessionLink(task: { links: EmLink[] }): EmLink | undefined {
  return task.links.find((link) => link.rel === 'Up' && /SessionReference$/.test(link.type ?? ''));
}

/**
 * The job (or CDP policy) a task session belongs to, without another request: its parent session link's name
 * without the `@time` suffix, split on the last `@` because job names may hold one (docs/em-protocol.md, "Names with timestamps").
 */
export function jobNameOfTask(task: { links: EmLink[] }): string | undefined {
  const name = parentSessionLink(task)?.name;
  if (!name) return undefined;
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : name;
}

/** The Up link of a resource pointing at the given type (`JobReference`, `BackupServerReference`, ...). */
export function upLink(resource: { links: EmLink[] }, type: string): EmLink | undefined {
  return resource.links.find((link) => link.rel === 'Up' && link.type === type);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UID = /^urn:veeam:([A-Za-z]+):([0-9a-f-]{36})$/i;

/**
 * One session by UID (`urn:veeam:<Type>:<guid>`), bare GUID (tries each session type), or EM href.
 * Returns undefined when EM has no such session.
 */
export async function sessionByIdentifier(
  client: EmClient,
  identifier: string,
): Promise<Session | undefined> {
  const text = identifier.trim();
  if (/^https?:\/\//i.test(text) || text.startsWith('/api/')) {
    const document = await client.get(withEntityFormat(text));
    return document.kind === 'session' ? document.session : undefined;
  }
  const uid = UID.exec(text);
  const guid = uid?.[2] ?? (GUID.test(text) ? text : undefined);
  if (!guid) {
    throw new AppError(ErrorCode.CommandUsage, `not a session identifier: ${text.slice(0, 100)}`, {
      userMessage: 'Give a session UID (urn:veeam:…), its ID (a GUID) or its Enterprise Manager link',
    });
  }
  const typed = SESSION_KINDS.find((kind) => kind.toLowerCase() === uid?.[1]?.toLowerCase());
  for (const kind of typed ? [typed] : SESSION_KINDS) {
    try {
      const document = await client.get(`${COLLECTIONS[kind]}/${guid.toLowerCase()}?format=Entity`);
      if (document.kind === 'session') return document.session;
    } catch (error) {
      if (!(error instanceof EmError && error.code === ErrorCode.EmNotFound)) throw error;
    }
  }
  return undefined;
}

/** The entity form of a reference Href (`?format=Entity`), leaving Hrefs that already have a query alone. */
export function withEntityFormat(href: string): string {
  return href.includes('?') ? href : `${href}?format=Entity`;
}
