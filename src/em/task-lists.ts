import { ErrorCode } from '../shared/errors.js';
import type { EmClient } from './client.js';
import { EmError } from './errors.js';
import { isSafeFilterText, MAX_PAGE_SIZE, type Filter } from './query.js';
import { TASK_FIELDS } from './query-fields.js';
import type { Session, SessionKind, TaskSession, TaskSessionKind } from './types.js';
import { guidOf, uidChunks, uidsFilter } from './uid-batches.js';

/** Task sessions one batched query reads at most; far past any real job (EM pages them 1,000 at a time). */
const MAX_TASKS_PER_QUERY = 50_000;

const TASK_KIND: Partial<Record<SessionKind, TaskSessionKind>> = {
  BackupJobSession: 'BackupTaskSession',
  ReplicaJobSession: 'ReplicaTaskSession',
  CdpReplicaSession: 'CdpReplicaTaskSession',
};

/** What a batched read got: task lists by session UID, and the errors of the queries that failed. */
export interface TaskListsRead {
  lists: Map<string, TaskSession[]>;
  errors: unknown[];
}

/**
 * The task sessions of many sessions in few requests: per task type, one query per chunk of parents, an OR of
 * their UIDs (`JobSessionUid=="urn:…",JobSessionUid=="urn:…"`, built by the query builder, the URN form of
 * docs/em-protocol.md, "UID filter values"), oldest first, paged; the rows go back to their parents by their
 * parent UID field. Only sessions a Down link would read are batched, two or more of a type (one costs one
 * request either way). A session missing from `lists` is left to its Down link: it was alone of its type, its
 * UID is not safe to send, or its chunk failed (then `errors` says why).
 */
export async function readTaskLists(client: EmClient, sessions: Session[]): Promise<TaskListsRead> {
  const lists = new Map<string, TaskSession[]>();
  const errors: unknown[] = [];
  const reads = [...byTaskKind(sessions)].flatMap(([kind, uids]) =>
    uids.length < 2 ? [] : parentChunks(kind, uids).map((chunk) => ({ kind, chunk })),
  );
  await Promise.all(
    reads.map(async ({ kind, chunk }) => {
      try {
        for (const [uid, tasks] of await readChunk(client, kind, chunk)) lists.set(uid, tasks);
      } catch (error) {
        errors.push(error);
      }
    }),
  );
  return { lists, errors };
}

/** The distinct UIDs of sessions with a task-session Down link, by task type (cloud failovers carry theirs inline). */
function byTaskKind(sessions: Session[]): Map<TaskSessionKind, string[]> {
  const groups = new Map<TaskSessionKind, string[]>();
  for (const session of sessions) {
    const kind = TASK_KIND[session.kind];
    const hasDown = session.links.some((link) => link.rel === 'Down' && /TaskSession/i.test(link.type ?? ''));
    if (!kind || !hasDown || !session.uid || !isSafeFilterText(session.uid)) continue;
    const group = groups.get(kind) ?? [];
    if (!group.includes(session.uid)) group.push(session.uid);
    groups.set(kind, group);
  }
  return groups;
}

/** UIDs cut into ORs of at most PARENTS_PER_QUERY terms and MAX_PARENTS_FILTER_CHARS characters. */
export function parentChunks(kind: TaskSessionKind, uids: string[]): string[][] {
  return uidChunks(TASK_FIELDS[kind].owner, uids);
}

/** The filter of one chunk: an OR of `==` on the parent UID field. */
export function parentsFilter(kind: TaskSessionKind, uids: string[]): Filter {
  return uidsFilter(TASK_FIELDS[kind].owner, uids);
}

async function readChunk(
  client: EmClient,
  kind: TaskSessionKind,
  uids: string[],
): Promise<Map<string, TaskSession[]>> {
  const fields = TASK_FIELDS[kind];
  const tasks = await client.queryTaskSessions(
    { type: kind, filter: parentsFilter(kind, uids), sortAsc: fields.creation, pageSize: MAX_PAGE_SIZE },
    MAX_TASKS_PER_QUERY,
  );
  const byGuid = new Map(uids.map((uid) => [guidOf(uid), [] as TaskSession[]]));
  for (const task of tasks) {
    const list = task.sessionUid === undefined ? undefined : byGuid.get(guidOf(task.sessionUid));
    // A row that names no parent of this chunk cannot be placed: the chunk is read by its Down links instead.
    if (!list)
      throw new EmError(ErrorCode.EmParse, `a ${kind} row names a parent outside its query`, {
        request: `GET query?type=${kind}`,
      });
    list.push(task);
  }
  if (tasks.length >= MAX_TASKS_PER_QUERY)
    throw new EmError(ErrorCode.EmTooLarge, `more than ${MAX_TASKS_PER_QUERY} ${kind} rows`, {
      request: `GET query?type=${kind}`,
    });
  return new Map(uids.map((uid) => [uid, byGuid.get(guidOf(uid)) ?? []]));
}

/**
 * Task sessions oldest first, as the batched query sorts them (missing times first, as EM sorts NULL), ties in
 * the order given: a Down link's list in this order equals the batched read's (EM gives collections in no set order).
 */
export function inCreationOrder(tasks: TaskSession[]): TaskSession[] {
  const time = (task: TaskSession) => task.creationTime?.getTime() ?? -Infinity;
  return [...tasks].sort((a, b) => time(a) - time(b));
}
