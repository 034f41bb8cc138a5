import type { WatcherConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { AlertStore } from './alert-store.js';
import type { ChatPort } from './chat-port.js';
import { decide } from './decide.js';
import { deliver, type DeliveryDeps } from './deliver.js';
import { trackFailovers } from './failovers.js';
import { fetchProblemSubjects } from './fetch-subjects.js';
import { resolveHeld } from './grace.js';
import { checkRecoveries } from './incidents.js';
import { noteOutage, noteReachable } from './outage.js';
import { settlePending } from './settle-pending.js';
import { pruneState, type WatcherState } from './state.js';

export interface WatcherDeps {
  client: EmClient;
  chat: ChatPort;
  store: AlertStore;
  clock: Clock;
  logger: Logger;
  config: WatcherConfig;
  emWebUrl?: string;
}

/** What one poll did; for logs, tests and the benchmark. */
export interface PollReport {
  ok: boolean;
  found: number;
  posted: number;
  recovered: number;
  since: number;
  error?: string;
}

export interface Watcher {
  /** Loads the state (throws a StateFileError when the file is unusable). Call once before polling. */
  start(): Promise<void>;
  /** One poll: settle, fetch what is new, decide, post, follow up incidents and failovers. Never throws for EM trouble. */
  runOnce(): Promise<PollReport>;
  /** The live state (subscription commands change it too). */
  state(): WatcherState;
  /** Saves the state (serialised: at most one write at a time, the latest state wins). */
  persist(): Promise<void>;
}

/** Builds the watcher. The first run only records where "now" is: history is not news (unless ALERT_BACKFILL). */
export function createWatcher(deps: WatcherDeps): Watcher {
  let state: WatcherState | undefined;
  let writing: Promise<void> = Promise.resolve();
  const current = (): WatcherState => {
    if (!state) throw new Error('watcher.start() must be called first');
    return state;
  };
  const persist = (): Promise<void> => {
    writing = writing.catch(() => undefined).then(() => deps.store.save(current()));
    return writing;
  };
  const delivery: DeliveryDeps = { ...deps, emWebUrl: deps.emWebUrl, now: () => deps.clock.now(), persist };

  return {
    async start() {
      state = await deps.store.load();
      state.firstStartedAt ??= deps.clock.now();
      await persist();
    },
    state: current,
    persist,
    async runOnce() {
      const s = current();
      const now = deps.clock.now();
      const since = windowStart(s, now, deps.config);
      try {
        const replanned = await settlePending(s, delivery);
        const { subjects, readUpTo } = await fetchProblemSubjects(
          deps.client,
          deps.config.kinds,
          new Date(since),
        );
        await noteReachable(s, delivery);
        const fresh = subjects.filter((subject) => subject.endedAt >= earliestNews(s, deps.config));
        const planned = [
          ...replanned,
          ...decide(s, fresh, {
            alertChannel: deps.config.alertChannel,
            retryGraceMs: deps.config.retryGraceMs,
            now,
          }),
          ...(await resolveHeld(s, delivery)),
        ];
        const posted = await deliver(s, planned, delivery);
        const recovered = await checkRecoveries(s, delivery);
        if (deps.config.kinds.includes('failover')) await trackFailovers(s, delivery);
        // After a capped read the next window starts at the last end time read, not at now minus the look-back.
        s.lastPollAt = readUpTo === undefined ? now : Math.min(now, readUpTo + deps.config.lookbackMs);
        pruneState(s, since - deps.config.lookbackMs, now);
        await persist();
        return { ok: true, found: fresh.length, posted, recovered, since };
      } catch (error) {
        const failed = { ok: false, found: 0, posted: 0, recovered: 0, since, error: String(error) };
        if (!isEmFailure(error)) {
          // Slack trouble or a bug: what was decided stays pending on disk and is settled by the next poll.
          deps.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'poll failed; pending alerts are retried next poll',
          );
          await persist().catch(() => undefined);
          return failed;
        }
        await noteOutage(s, error, delivery).catch((noticeError: unknown) => {
          deps.logger.error({ err: String(noticeError) }, 'could not post the outage notice');
        });
        return { ...failed, error: error.message };
      }
    },
  };
}

/** Where a poll starts looking: the last poll minus the look-back (EM collects sessions late), never before news began. */
export function windowStart(state: WatcherState, now: number, config: WatcherConfig): number {
  const last = state.lastPollAt ?? now;
  return Math.max(earliestNews(state, config), Math.min(last, now) - config.lookbackMs);
}

/** Sessions that ended before this are history: the first start, minus ALERT_BACKFILL. */
export function earliestNews(state: WatcherState, config: WatcherConfig): number {
  return (state.firstStartedAt ?? 0) - config.backfillMs;
}

/** Errors that mean Enterprise Manager is down or misbehaving (as opposed to Slack or a bug of ours). */
function isEmFailure(error: unknown): error is AppError {
  return error instanceof AppError && error.code.startsWith('em_');
}
