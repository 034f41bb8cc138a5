/** How full a repository is: ok, below the warning level, or below the critical level. */
export type RepositoryLevel = 'ok' | 'warning' | 'critical';

/** The free-space levels, in percent, and how far above a level a repository must climb to leave it. */
export interface RepositoryThresholds {
  warnPercent: number;
  critPercent: number;
  /** Percentage points; a repository hovering at a line does not flap. */
  hysteresisPercent: number;
}

/** The default hysteresis: two percentage points. */
export const REPO_HYSTERESIS_PERCENT = 2;

const RANK: Record<RepositoryLevel, number> = { ok: 0, warning: 1, critical: 2 };

/**
 * The level of a repository with `freePercent` free, given the level it had: a level is entered below its line
 * and left only above the line plus the hysteresis. Falling through both lines at once gives `critical` (one
 * alert at the worse level). Unknown free space keeps the previous level.
 */
export function repositoryLevel(
  freePercent: number | undefined,
  previous: RepositoryLevel,
  t: RepositoryThresholds,
): RepositoryLevel {
  if (freePercent === undefined) return previous;
  const entered: RepositoryLevel =
    freePercent < t.critPercent ? 'critical' : freePercent < t.warnPercent ? 'warning' : 'ok';
  if (RANK[entered] >= RANK[previous]) return entered;
  // Better than before: leave a level only with the margin.
  if (previous === 'critical' && freePercent <= t.critPercent + t.hysteresisPercent) return 'critical';
  if (entered === 'ok' && freePercent <= t.warnPercent + t.hysteresisPercent) return 'warning';
  return entered;
}

/** Whether `level` is worse than `than`. */
export function isWorse(level: RepositoryLevel, than: RepositoryLevel): boolean {
  return RANK[level] > RANK[than];
}
