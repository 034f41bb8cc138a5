/** The digest's data, as the gatherer returns it and the views and the chart read it. */

/** The session types a digest counts, in the order it shows them. */
export const DIGEST_KINDS = ['backup', 'replica', 'cdp', 'failover'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** Finished sessions by result. */
export interface ResultCounts {
  success: number;
  warning: number;
  failed: number;
}

/** A job (policy, plan) whose newest problem in the window failed or warned. */
export interface DigestProblem {
  kind: DigestKind;
  jobName: string;
  result: 'Failed' | 'Warning';
  /** EM's failure message of that session; raw text (views escape it). */
  reason: string | undefined;
  /** The session's Href, for the button into its view. */
  href: string;
  endedAt: number | undefined;
  /** How many problem sessions the job had in the window. */
  count: number;
}

/** An open incident from the watcher state, with its claim when the state has claims. */
export interface DigestIncident {
  jobName: string;
  lastResult: string;
  failures: number;
  channel: string;
  ts: string;
  /** The claimer's name as shown (no mention, so the digest pings nobody); undefined when unclaimed. */
  claimedBy: string | undefined;
}

/** A repository's space, for the warning list and the usage chart. */
export interface DigestRepository {
  name: string;
  capacityBytes: number | undefined;
  freeBytes: number | undefined;
  freePercent: number | undefined;
}

/** One local day of the trend. */
export interface DigestDay {
  /** `YYYY-MM-DD` in the digest's zone. */
  date: string;
  counts: ResultCounts;
}

/** Everything one digest shows. */
export interface DigestData {
  /** The window counted, [sinceMs, untilMs), and how it reads (`24h`). */
  window: { sinceMs: number; untilMs: number; label: string };
  timeZone: string;
  byKind: Record<DigestKind, ResultCounts>;
  /** Worst first: failed before warned, then the most problems. */
  problems: DigestProblem[];
  incidents: DigestIncident[];
  repositories: DigestRepository[];
  /** Watched jobs the protection loop last saw missing a run or with stale VMs; absent without that loop. */
  breaches?: DigestBreach[];
  /** Repositories with free space below this percentage are listed as a warning. */
  repoWarnPercent: number;
  /** The last seven local days, oldest first, today last. */
  trend: DigestDay[];
}

/** A protection breach as the digest lists it: the job, what is wrong, how many of its VMs are stale. */
export interface DigestBreach {
  jobName: string;
  state: 'missed' | 'stale';
  staleVms: number;
  vms: number;
}

/** Sum of a count record. */
export function totalOf(c: ResultCounts): number {
  return c.success + c.warning + c.failed;
}

/** The empty counts. */
export function noCounts(): ResultCounts {
  return { success: 0, warning: 0, failed: 0 };
}
