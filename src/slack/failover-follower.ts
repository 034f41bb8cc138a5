import type { Logger } from '../shared/logger.js';
import type { SlackMessage } from '../views/format/block-kit.js';

export interface FollowerDeps {
  /** The current view of the session and whether it has stopped. */
  progress(href: string): Promise<{ message: SlackMessage; finished: boolean }>;
  /** Replaces the followed message (chat.update). */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  intervalMs: number;
  /** Give up after this long even if EM never reports an end (a failover rarely runs a day). */
  maxDurationMs: number;
  now(): number;
  logger: Logger;
}

/** Keeps followed failover messages up to date, one timer per message, until the session stops. */
export interface FailoverFollower {
  follow(channel: string, ts: string, href: string): void;
  /** How many messages are being followed. */
  active(): number;
  stop(): void;
}

/** Builds the follower; the next update is scheduled only after the previous one finished, so none overlap. */
export function createFailoverFollower(deps: FollowerDeps): FailoverFollower {
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (key: string, run: () => Promise<void>) => {
    timers.set(
      key,
      setTimeout(() => void run(), deps.intervalMs),
    );
  };
  return {
    follow(channel, ts, href) {
      const key = `${channel}:${ts}`;
      if (timers.has(key)) return;
      const until = deps.now() + deps.maxDurationMs;
      const tick = async (): Promise<void> => {
        let finished = false;
        try {
          const progress = await deps.progress(href);
          await deps.update(channel, ts, progress.message);
          finished = progress.finished;
        } catch (error) {
          deps.logger.warn(
            { channel, err: error instanceof Error ? error.message : String(error) },
            'failover follow update failed',
          );
        }
        if (finished || deps.now() >= until || !timers.has(key)) timers.delete(key);
        else schedule(key, tick);
      };
      timers.set(
        key,
        setTimeout(() => void tick(), 0),
      );
    },
    active: () => timers.size,
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
