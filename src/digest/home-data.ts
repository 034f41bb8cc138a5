import type { CommandDeps } from '../commands/types.js';
import { repositoriesBySpace } from '../em/estate.js';
import { runningNow } from '../em/queries.js';
import type { Session } from '../em/types.js';
import { protectionOverview, type JobProtection } from '../protection/overview.js';
import type { Subscription, WatcherState } from '../watcher/state.js';
import { countResults, runLimited } from './count-sessions.js';
import { KIND_SESSIONS } from './gather-digest.js';
import {
  DIGEST_KINDS,
  type DigestIncident,
  type DigestKind,
  type DigestRepository,
  type ResultCounts,
} from './digest-types.js';
import { incidentsOf } from './prepare-digest.js';

const DAY_MS = 24 * 3_600_000;
/** Running sessions read per type: the Home tab shows a few and counts the rest. */
const RUNNING_PER_KIND = 1000;

/** What the Home tab reads from EM; cached for everyone who opens it. */
export interface HomeEmData {
  asOfMs: number;
  running: Session[];
  byKind: Record<DigestKind, ResultCounts>;
  repositories: DigestRepository[];
}

/** Everything the Home tab shows: EM's part (cached) and the watcher's (read at each open). */
export interface HomeData extends HomeEmData {
  incidents: DigestIncident[];
  /** Watched jobs not protected (missed, stale), worst first; empty before the protection loop's first check. */
  breaches: JobProtection[];
  subscriptions: Subscription[];
  repoWarnPercent: number;
}

/** Reads the Home tab's EM part: running sessions, the last 24 h by result per type, repositories. */
export async function gatherHomeEm(deps: Pick<CommandDeps, 'client' | 'clock'>): Promise<HomeEmData> {
  const nowMs = deps.clock.now();
  const window = { sinceMs: nowMs - DAY_MS, untilMs: nowMs };
  const [running, counts, repositories] = await Promise.all([
    runningNow(deps.client, RUNNING_PER_KIND),
    runLimited(
      DIGEST_KINDS.map((k) => () => countResults(deps.client, KIND_SESSIONS[k], window)),
      4,
    ),
    repositoriesBySpace(deps.client, 200),
  ]);
  return {
    asOfMs: nowMs,
    running,
    byKind: Object.fromEntries(DIGEST_KINDS.map((k, i) => [k, counts[i]])) as HomeEmData['byKind'],
    repositories: repositories.map((r) => ({
      name: r.name,
      capacityBytes: r.capacityBytes,
      freeBytes: r.freeBytes,
      freePercent: r.freePercent,
    })),
  };
}

/**
 * A cache of the Home tab's EM part: read at most once per `ttlMs` (default a minute) whoever opens Home, and
 * opens during a read share it. A failed read is not kept (the next open tries again).
 */
export function createHomeCache(load: () => Promise<HomeEmData>, clock: { now(): number }, ttlMs = 60_000) {
  let cached: { at: number; data: Promise<HomeEmData> } | undefined;
  return {
    get(): Promise<HomeEmData> {
      const now = clock.now();
      if (cached && now - cached.at < ttlMs) return cached.data;
      const data = load();
      const entry = { at: now, data };
      cached = entry;
      data.catch(() => {
        if (cached === entry) cached = undefined;
      });
      return data;
    },
  };
}

/** The Home tab's data: the cached EM part with the watcher's incidents, breaches and subscriptions. */
export function homeData(
  em: HomeEmData,
  deps: Pick<CommandDeps, 'protection'>,
  state: WatcherState | undefined,
): HomeData {
  const overview = state?.protection
    ? protectionOverview(state.protection, {
        now: em.asOfMs,
        overrides: state.rpoOverrides,
        rpoDefaultMs: deps.protection?.rpoDefaultMs,
      })
    : [];
  return {
    ...em,
    incidents: incidentsOf(state),
    breaches: overview.filter((j) => j.state === 'missed' || j.state === 'stale'),
    subscriptions: state?.subscriptions ?? [],
    repoWarnPercent: deps.protection?.repoWarnPercent ?? 15,
  };
}
