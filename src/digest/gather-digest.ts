import type { EmClient } from '../em/client.js';
import { repositoriesBySpace } from '../em/estate.js';
import { problemSessionsSince } from '../em/lookups.js';
import type { Session, SessionKind } from '../em/types.js';
import { countResults, runLimited } from './count-sessions.js';
import {
  DIGEST_KINDS,
  noCounts,
  type DigestData,
  type DigestIncident,
  type DigestKind,
  type DigestProblem,
  type ResultCounts,
} from './digest-types.js';
import { addDays, localDate, zonedInstant } from './local-time.js';

/** The EM session type behind each digest kind. */
export const KIND_SESSIONS: Record<DigestKind, SessionKind> = {
  backup: 'BackupJobSession',
  replica: 'ReplicaJobSession',
  cdp: 'CdpReplicaSession',
  failover: 'CloudFailoverSession',
};

const TREND_DAYS = 7;
/** Problem sessions read per type: enough for the jobs listed (the view shows the worst few). */
const PROBLEMS_PER_KIND = 500;
/** Requests to EM in flight at once while counting. */
const CONCURRENCY = 6;

/** What the gatherer needs besides EM. */
export interface GatherOptions {
  nowMs: number;
  /** The window counted back from now, ms (24 h for the daily digest). */
  windowMs: number;
  windowLabel: string;
  timeZone: string;
  repoWarnPercent: number;
  /** Open incidents from the watcher state (empty without a watcher). */
  incidents: DigestIncident[];
}

/**
 * Reads one digest's numbers from EM with filtered, paged queries: counts by result per type for the window and
 * for each of the last seven local days (one page-of-one query each), the problem sessions of the window, and
 * the repositories. Everything is on EM's clock as `nowMs` gives it.
 */
export async function gatherDigest(client: EmClient, opts: GatherOptions): Promise<DigestData> {
  const window = { sinceMs: opts.nowMs - opts.windowMs, untilMs: opts.nowMs };
  const days = trendDays(opts.nowMs, opts.timeZone);
  const windows = [window, ...days.map((d) => d.window)];
  const countTasks = windows.flatMap((w) =>
    DIGEST_KINDS.map((k) => () => countResults(client, KIND_SESSIONS[k], w)),
  );
  const [counts, problems, repositories] = await Promise.all([
    runLimited(countTasks, CONCURRENCY),
    Promise.all(DIGEST_KINDS.map((k) => problemsOf(client, k, window))),
    repositoriesBySpace(client, 200),
  ]);
  const at = (w: number, k: number): ResultCounts => counts[w * DIGEST_KINDS.length + k] ?? noCounts();
  const byKind = Object.fromEntries(DIGEST_KINDS.map((k, i) => [k, at(0, i)])) as Record<
    DigestKind,
    ResultCounts
  >;
  return {
    window: { ...window, label: opts.windowLabel },
    timeZone: opts.timeZone,
    byKind,
    problems: worstFirst(problems.flat()),
    incidents: opts.incidents,
    repositories: repositories.map((r) => ({
      name: r.name,
      capacityBytes: r.capacityBytes,
      freeBytes: r.freeBytes,
      freePercent: r.freePercent,
    })),
    repoWarnPercent: opts.repoWarnPercent,
    trend: days.map((d, w) => ({
      date: d.date,
      counts: sumCounts(DIGEST_KINDS.map((_, k) => at(w + 1, k))),
    })),
  };
}

/** The last seven local days, oldest first, today (up to now) last. */
function trendDays(nowMs: number, timeZone: string) {
  const today = localDate(nowMs, timeZone);
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const date = addDays(today, i - (TREND_DAYS - 1));
    const sinceMs = zonedInstant(date, '00:00', timeZone);
    const untilMs = Math.min(nowMs, zonedInstant(addDays(date, 1), '00:00', timeZone));
    return { date, window: { sinceMs, untilMs } };
  });
}

function sumCounts(list: ResultCounts[]): ResultCounts {
  return list.reduce(
    (s, c) => ({
      success: s.success + c.success,
      warning: s.warning + c.warning,
      failed: s.failed + c.failed,
    }),
    noCounts(),
  );
}

/** One line per job with problems in the window: its newest problem session and how many it had. */
async function problemsOf(
  client: EmClient,
  kind: DigestKind,
  window: { sinceMs: number; untilMs: number },
): Promise<DigestProblem[]> {
  const sessions = await problemSessionsSince(
    client,
    KIND_SESSIONS[kind],
    { since: new Date(window.sinceMs), until: new Date(window.untilMs) },
    PROBLEMS_PER_KIND,
  );
  const byJob = new Map<string, { newest: Session; count: number }>();
  // Sorted by end time, oldest first: the last one seen per job is its newest.
  for (const s of sessions) {
    const key = s.jobName.toLowerCase();
    byJob.set(key, { newest: s, count: (byJob.get(key)?.count ?? 0) + 1 });
  }
  return [...byJob.values()].map(({ newest, count }) => ({
    kind,
    jobName: newest.jobName,
    result: newest.result === 'Failed' ? 'Failed' : 'Warning',
    reason: newest.failureMessage?.trim() || undefined,
    href: newest.href,
    endedAt: newest.endTime?.getTime(),
    count,
  }));
}

function worstFirst(problems: DigestProblem[]): DigestProblem[] {
  const rank = (p: DigestProblem): number => (p.result === 'Failed' ? 0 : 1);
  return problems.sort(
    (a, b) => rank(a) - rank(b) || b.count - a.count || a.jobName.localeCompare(b.jobName),
  );
}
