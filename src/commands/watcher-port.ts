import { AppError, ErrorCode } from '../shared/errors.js';
import type { WatcherState } from '../watcher/state.js';

/** The watcher as the subscription commands see it: its live state, changed in place, and a way to save it. */
export interface WatcherPort {
  state(): WatcherState;
  persist(): Promise<void>;
  /**
   * Renders a claimed message again (an incident's first message, a protection alert, a failover announcement)
   * by its Claim button's value; absent or false when it cannot.
   */
  refreshClaim?(value: string): Promise<boolean>;
}

/** What the subscription commands answer when no watcher runs. */
export const ALERTS_NOT_RUNNING = 'Alerts are not running in this bot, so there are no subscriptions';

/**
 * A port handed to the commands before the watcher exists (the Slack app is built first, and the watcher
 * posts through it); `bind` attaches the running watcher. Used unbound, it fails like no watcher at all.
 */
export function createWatcherSlot(): { port: WatcherPort; bind(watcher: WatcherPort): void } {
  let bound: WatcherPort | undefined;
  const current = (): WatcherPort => {
    if (bound) return bound;
    throw new AppError(ErrorCode.Internal, 'the watcher port was used before the watcher started', {
      userMessage: ALERTS_NOT_RUNNING,
    });
  };
  return {
    port: {
      state: () => current().state(),
      persist: () => current().persist(),
      refreshClaim: async (value) => (await current().refreshClaim?.(value)) ?? false,
    },
    bind(watcher) {
      bound = watcher;
    },
  };
}
