/** Where a job's RPO came from, in the order they win. */
export type RpoSource = 'override' | 'default' | 'learned' | 'schedule';

/** A job's RPO and where it came from. */
export interface Rpo {
  ms: number;
  source: RpoSource;
}

/** An RPO set with `/veeam rpo`: who set it and when. */
export interface RpoOverride {
  ms: number;
  by: string;
  at: number;
}

const HOUR = 3_600_000;
/** Learned RPOs are never shorter than this: a job that ran twice a minute once is not held to two minutes. */
export const MIN_LEARNED_RPO_MS = HOUR;
/** How many successful runs the learned RPO looks at. */
export const LEARN_RUNS = 10;
const LEARN_FACTOR = 1.5;

/**
 * 1.5 x the median interval between the newest `LEARN_RUNS` successful runs (start times, ms), at least an
 * hour; undefined with fewer than two runs.
 */
export function learnRpo(runTimes: readonly number[]): number | undefined {
  const newest = [...new Set(runTimes)].sort((a, b) => b - a).slice(0, LEARN_RUNS);
  if (newest.length < 2) return undefined;
  const gaps = newest
    .slice(1)
    .map((time, index) => (newest[index] as number) - time)
    .sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  const median =
    gaps.length % 2 === 1
      ? (gaps[middle] as number)
      : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
  return Math.max(MIN_LEARNED_RPO_MS, Math.round(median * LEARN_FACTOR));
}

/**
 * A job's RPO: its override, else RPO_DEFAULT, else learned from its runs, else 1.5 x its schedule's fixed
 * interval (a job too new to have history); undefined when none of them is known (the job is not judged).
 */
export function resolveRpo(input: {
  override: RpoOverride | undefined;
  defaultMs: number | undefined;
  runTimes: readonly number[];
  scheduleIntervalMinutes: number | undefined;
}): Rpo | undefined {
  if (input.override) return { ms: input.override.ms, source: 'override' };
  if (input.defaultMs !== undefined && input.defaultMs > 0) return { ms: input.defaultMs, source: 'default' };
  const learned = learnRpo(input.runTimes);
  if (learned !== undefined) return { ms: learned, source: 'learned' };
  if (input.scheduleIntervalMinutes !== undefined && input.scheduleIntervalMinutes > 0) {
    const ms = Math.round(input.scheduleIntervalMinutes * 60_000 * LEARN_FACTOR);
    return { ms: Math.max(MIN_LEARNED_RPO_MS, ms), source: 'schedule' };
  }
  return undefined;
}

/**
 * The RPO of a job the protection loop remembers, by UID: the one function the loop, `/veeam protection`, the
 * digest and the Home tab all use, so they agree on a job's RPO and where it came from.
 */
export function rpoOfJob(
  uid: string,
  job: { runs: readonly number[]; intervalMinutes?: number } | undefined,
  opts: { overrides: Record<string, RpoOverride> | undefined; rpoDefaultMs: number | undefined },
): Rpo | undefined {
  return resolveRpo({
    override: opts.overrides?.[uid],
    defaultMs: opts.rpoDefaultMs,
    runTimes: job?.runs ?? [],
    scheduleIntervalMinutes: job?.intervalMinutes,
  });
}

/** How an RPO's source reads for people. */
export function describeRpoSource(source: RpoSource): string {
  switch (source) {
    case 'override':
      return 'set with /veeam rpo';
    case 'default':
      return 'RPO_DEFAULT';
    case 'learned':
      return 'learned from its last runs';
    case 'schedule':
      return 'from its schedule';
  }
}
