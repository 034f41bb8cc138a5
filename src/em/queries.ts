import type { EmClient } from './client.js';
import { problemSessionsSince, runningSessions } from './lookups.js';
import { where, type QuerySpec } from './query.js';
import { SESSION_FIELDS, TASK_FIELDS } from './query-fields.js';
import {
  SESSION_KINDS,
  sessionsOfKind,
  type Session,
  type SessionKind,
  type SessionOf,
  type TaskSession,
  type TaskSessionKind,
} from './types.js';

/** The newest sessions of one type, of any owner, newest first. */
export async function newestSessions<K extends SessionKind>(
  client: EmClient,
  kind: K,
  limit: number,
): Promise<Array<SessionOf<K>>> {
  const sessions = await client.querySessions(
    { type: kind, sortDesc: SESSION_FIELDS[kind].creation, pageSize: Math.min(limit, 100) },
    limit,
  );
  return sessionsOfKind(kind, sessions);
}

/** The newest task sessions of one session (by its UID), newest first: one sorted, filtered, paged query. */
export function newestTasksOf(
  client: EmClient,
  kind: TaskSessionKind,
  sessionUid: string,
  limit: number,
): Promise<TaskSession[]> {
  const fields = TASK_FIELDS[kind];
  return client.queryTaskSessions(
    { type: kind, filter: where(fields.owner, '==', sessionUid), sortDesc: fields.creation, pageSize: limit },
    limit,
  );
}

/** Sessions of every type that ended with Warning or Failed since `since`, at most `perKind` of each type. */
export async function problemsSince(client: EmClient, since: Date, perKind: number): Promise<Session[]> {
  const lists = await Promise.all(
    SESSION_KINDS.map((kind) => problemSessionsSince(client, kind, { since }, perKind)),
  );
  return lists.flat();
}

/** Sessions of every type in progress now, at most `perKind` of each type. */
export async function runningNow(client: EmClient, perKind: number): Promise<Session[]> {
  const lists = await Promise.all(SESSION_KINDS.map((kind) => runningSessions(client, kind, perKind)));
  return lists.flat();
}

/**
 * How many items a query matches, in one small request: asked one reference per page, PagesCount is the count
 * (an empty answer says 1 page with no item) (docs/em-protocol.md, "Counting with a one-item page").
 */
export async function countOf(client: EmClient, spec: QuerySpec): Promise<number> {
  const { sortAsc: _asc, sortDesc: _desc, ...unsorted } = spec;
  for await (const page of client.pages({ ...unsorted, format: 'References', pageSize: 1 }, 1)) {
    const items = page.sessions.length + page.tasks.length + page.references.length + page.entities.length;
    return items === 0 ? 0 : page.pagesCount;
  }
  return 0;
}
