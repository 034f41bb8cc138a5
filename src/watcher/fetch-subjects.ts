import type { WatchableKind } from '../config/schema.js';
import type { EmClient } from '../em/client.js';
import { problemResultFilter, problemSessionsQuery } from '../em/lookups.js';
import { countOf } from '../em/queries.js';
import { where, type Filter, type QuerySpec } from '../em/query.js';
import { TASK_FIELDS } from '../em/query-fields.js';
import type { SessionKind } from '../em/types.js';
import { subjectOfCdpTask, subjectOfSession, type AlertSubject } from './alert-subject.js';

const SESSION_KIND: Record<Exclude<WatchableKind, 'cdptask'>, SessionKind> = {
  backup: 'BackupJobSession',
  replica: 'ReplicaJobSession',
  cdp: 'CdpReplicaSession',
  failover: 'CloudFailoverSession',
};

/** Upper bound of problems one poll reads per kind; a storm bigger than this is finished by the next poll. */
export const MAX_PER_KIND = 5000;
/** Upper bound of problems of one kind ending within one second, read in full past the cap. */
const MAX_IN_ONE_SECOND = 100_000;
const PAGE_SIZE = 500;

/** What one poll read: the subjects, oldest end first, and how far it got when a kind hit MAX_PER_KIND. */
export interface FetchedSubjects {
  subjects: AlertSubject[];
  /** Set when a kind had more than MAX_PER_KIND problems: everything that ended before this was read. */
  readUpTo: number | undefined;
}

/**
 * Everything that stopped with Warning or Failed since `since`, per watched kind: one filtered query per
 * kind on end time and result, sorted by end time and paged, so the cost follows what is new, not history.
 */
export async function fetchProblemSubjects(
  client: EmClient,
  kinds: readonly WatchableKind[],
  since: Date,
): Promise<FetchedSubjects> {
  return mergeKinds(await Promise.all(kinds.map((kind) => readProblems(client, kind, since))));
}

/** Joins the kinds' reads: oldest end first; a capped kind bounds how far the whole poll got. */
export function mergeKinds(reads: FetchedSubjects[]): FetchedSubjects {
  const cut = reads.map((read) => read.readUpTo).filter((at): at is number => at !== undefined);
  return {
    subjects: reads.flatMap((read) => read.subjects).sort((a, b) => a.endedAt - b.endedAt),
    readUpTo: cut.length > 0 ? Math.min(...cut) : undefined,
  };
}

/**
 * The problems of one kind that ended at or after `since`, at most MAX_PER_KIND of them, oldest first. A capped
 * read stops at the end of the second its last item ended in, read in full: end times have one-second
 * resolution, so a next window starting inside a crowded second would read the same items again forever.
 */
export async function readProblems(
  client: EmClient,
  kind: WatchableKind,
  since: Date,
): Promise<FetchedSubjects> {
  const subjects = await readRange(client, kind, { since }, MAX_PER_KIND);
  const last = subjects.at(-1);
  if (subjects.length < MAX_PER_KIND || last === undefined) return { subjects, readUpTo: undefined };
  const second = Math.floor(last.endedAt / 1000) * 1000;
  const crowded = await readRange(
    client,
    kind,
    { since: new Date(second), until: new Date(second + 1000) },
    MAX_IN_ONE_SECOND,
  );
  return {
    subjects: [...subjects.filter((s) => s.endedAt < second), ...crowded],
    readUpTo: second + 1000,
  };
}

/** How many problems of one kind EM has that ended in [since, until): one request of one reference. */
export function countProblems(
  client: EmClient,
  kind: WatchableKind,
  window: { since: Date; until: Date },
): Promise<number> {
  return countOf(client, problemQuery(kind, window, 1));
}

async function readRange(
  client: EmClient,
  kind: WatchableKind,
  window: { since: Date; until?: Date },
  limit: number,
): Promise<AlertSubject[]> {
  const spec = problemQuery(kind, window, PAGE_SIZE);
  if (kind === 'cdptask') {
    const tasks = await client.queryTaskSessions(spec, limit);
    return tasks.filter((t) => t.endTime !== undefined).map(subjectOfCdpTask);
  }
  const sessions = await client.querySessions(spec, limit);
  return sessions.filter((s) => s.endTime !== undefined).map(subjectOfSession);
}

/** CDP problems show on task sessions while the policy session keeps running (docs/em-protocol.md, "Resources we use"). */
function problemQuery(
  kind: WatchableKind,
  window: { since: Date; until?: Date },
  pageSize: number,
): QuerySpec {
  if (kind !== 'cdptask') return problemSessionsQuery(SESSION_KIND[kind], window, pageSize);
  const fields = TASK_FIELDS.CdpReplicaTaskSession;
  const conditions: Filter[] = [where(fields.end, '>=', window.since), problemResultFilter(fields.result)];
  if (window.until) conditions.push(where(fields.end, '<', window.until));
  return { type: 'CdpReplicaTaskSession', filter: { and: conditions }, sortAsc: fields.end, pageSize };
}
