import type { WatchableKind } from '../config/schema.js';
import type { EmClient } from '../em/client.js';
import { problemResultFilter, problemSessionsSince } from '../em/lookups.js';
import { where } from '../em/query.js';
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
  const lists = await Promise.all(
    kinds.map(async (kind): Promise<AlertSubject[]> => {
      if (kind === 'cdptask') return fetchCdpTaskProblems(client, since);
      const sessions = await problemSessionsSince(
        client,
        SESSION_KIND[kind],
        { since },
        MAX_PER_KIND,
        PAGE_SIZE,
      );
      return sessions.filter((s) => s.endTime !== undefined).map(subjectOfSession);
    }),
  );
  // A full list may have been cut short: the next poll must start where this one stopped reading.
  const cut = lists.filter((list) => list.length >= MAX_PER_KIND).map((list) => list.at(-1)?.endedAt ?? 0);
  return {
    subjects: lists.flat().sort((a, b) => a.endedAt - b.endedAt),
    readUpTo: cut.length > 0 ? Math.min(...cut) : undefined,
  };
}

/** CDP problems show on task sessions while the policy session keeps running (docs/em-protocol.md, "Resources we use"). */
async function fetchCdpTaskProblems(client: EmClient, since: Date): Promise<AlertSubject[]> {
  const fields = TASK_FIELDS.CdpReplicaTaskSession;
  const tasks = await client.queryTaskSessions(
    {
      type: 'CdpReplicaTaskSession',
      filter: { and: [where(fields.end, '>=', since), problemResultFilter(fields.result)] },
      sortAsc: fields.end,
      pageSize: PAGE_SIZE,
    },
    MAX_PER_KIND,
  );
  return tasks.filter((t) => t.endTime !== undefined).map(subjectOfCdpTask);
}
