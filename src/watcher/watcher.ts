import type { WatcherConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { AlertStore } from './alert-store.js';
import type { ChatPort } from './chat-port.js';
import { refreshClaim } from './claims.js';
import { noteOutage } from './outage.js';
import { poll, windowStart, type PollReport } from './poll.js';
import { createAlertTaskLists } from './alert-tasks.js';
import type { PollContext } from './poll-context.js';
import type { WatcherState } from './state.js';

export { earliestNews, windowStart, type PollReport } from './poll.js';

export interface WatcherDeps {
  client: EmClient;
  chat: ChatPort;
  /**
   * Updates the message a user clicked (a claim): unfenced, so whichever replica got the click answers it,
   * while `chat` (leader-only with STATE_URL) posts and records the alerts. `chat` when absent.
   */
  clickChat?: ChatPort;
  store: AlertStore;
  clock: Clock;
  logger: Logger;
  config: WatcherConfig;
  emWebUrl?: string;
  /** JOB_ACTIONS=on: alerts offer the job's Retry / Start / Stop buttons. */
  jobActions?: boolean;
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
  /** Renders a claimed message again by its Claim button's value (its claim changed); false when it cannot. */
  refreshClaim(value: string): Promise<boolean>;
  /**
   * Reads the state again from the store, after the writes in flight, dropping unsaved changes: another
   * replica shares it (a shared store), or this one just took or lost the watcher lease.
   */
  reload(): Promise<void>;
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
  const context = (): PollContext => ({
    state: current(),
    em: deps.client,
    chat: deps.chat,
    now: () => deps.clock.now(),
    config: deps.config,
    save: persist,
    logger: deps.logger,
    emWebUrl: deps.emWebUrl,
    ...(deps.jobActions ? { jobActions: true } : {}),
    taskLists: createAlertTaskLists(deps.client, deps.logger),
  });

  return {
    async start() {
      state = await deps.store.load();
      state.firstStartedAt ??= deps.clock.now();
      await persist();
    },
    state: current,
    persist,
    refreshClaim: (value) => refreshClaim({ ...context(), chat: deps.clickChat ?? deps.chat }, value),
    reload() {
      const reading = writing
        .catch(() => undefined)
        .then(async () => {
          state = await deps.store.load();
        });
      writing = reading;
      return reading;
    },
    async runOnce() {
      const ctx = context();
      const now = ctx.now();
      const since = windowStart(ctx.state, now, deps.config);
      try {
        return await poll(ctx, { now, since });
      } catch (error) {
        return pollFailed(ctx, since, error);
      }
    },
  };
}

/** A poll threw: EM trouble starts or continues an outage; anything else is logged and retried next poll. */
async function pollFailed(ctx: PollContext, since: number, error: unknown): Promise<PollReport> {
  const code = error instanceof AppError ? error.code : 'unknown';
  const failed = {
    ok: false,
    found: 0,
    posted: 0,
    recovered: 0,
    since,
    error: String(error),
    errorCode: code,
  };
  if (!isEmFailure(error)) {
    // Slack trouble or a bug: what was decided stays pending on disk and is settled by the next poll.
    ctx.logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      'poll failed; pending alerts are retried next poll',
    );
    await ctx.save().catch((saveError: unknown) => {
      ctx.logger.error({ err: String(saveError) }, 'could not save the state after a failed poll');
    });
    return failed;
  }
  await noteOutage(ctx, error).catch((noticeError: unknown) => {
    ctx.logger.error({ err: String(noticeError) }, 'could not post the outage notice');
  });
  return { ...failed, error: error.message };
}

/** Errors that mean Enterprise Manager is down or misbehaving (as opposed to Slack or a bug of ours). */
function isEmFailure(error: unknown): error is AppError {
  return error instanceof AppError && error.code.startsWith('em_');
}
