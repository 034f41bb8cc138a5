import { SlackApiError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { realPacerTime, type PacerTime } from './channel-pacer.js';
import { toSlackApiError } from './slack-api-error.js';

/** How the chat port meets Slack's 429s. */
export interface RateLimitPolicy {
  /** The longest wait (a Retry-After, or what is left of one) spent inline; a longer one fails the call at once. */
  maxWaitMs: number;
  /** Tries of one call, the first included, before a 429 is given back. */
  tries: number;
}

/** A Retry-After of 1 s (Slack's per-channel message rate) is waited out; 30 s is not: the alert stays pending. */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { maxWaitMs: 1_000, tries: 3 };

/** Runs one Web API call for one channel under the gate. */
export type RateLimitGate = <T>(method: string, channel: string, call: () => Promise<T>) => Promise<T>;

/**
 * Retries 429s per method and channel, honouring Retry-After, with the Web API client told to reject them
 * (its own handling pauses every call of the bot for the whole Retry-After). A channel still limited after
 * `tries`, or limited for longer than `maxWaitMs`, gets a `ratelimited` SlackApiError at once, and later calls
 * for it fail the same way without reaching Slack until the Retry-After has passed: the watcher keeps those
 * alerts pending and moves on to the next channel.
 */
export function createRateLimitGate(
  policy: RateLimitPolicy,
  logger: Logger,
  time: PacerTime = realPacerTime,
): RateLimitGate {
  const limitedUntil = new Map<string, number>();

  const waitOrRefuse = async (method: string, channel: string, key: string) => {
    const left = (limitedUntil.get(key) ?? 0) - time.now();
    if (left <= 0) return limitedUntil.delete(key);
    if (left > policy.maxWaitMs)
      throw new SlackApiError(method, 'ratelimited', { channel, retryAfter: Math.ceil(left / 1000) });
    await time.sleep(left);
    return limitedUntil.delete(key);
  };

  return async (method, channel, call) => {
    const key = `${method} ${channel}`;
    for (let attempt = 1; ; attempt += 1) {
      await waitOrRefuse(method, channel, key);
      try {
        return await call();
      } catch (error) {
        const failure = toSlackApiError(method, error, channel);
        if (failure.slackCode !== 'ratelimited') throw failure;
        const waitMs = (failure.retryAfter ?? 1) * 1000;
        limitedUntil.set(key, Math.max(limitedUntil.get(key) ?? 0, time.now() + waitMs));
        if (attempt >= policy.tries || waitMs > policy.maxWaitMs) {
          logger.warn(
            { method, channel, retryAfter: failure.retryAfter, attempt },
            'Slack rate-limited this channel; its messages wait, the other channels go on',
          );
          throw failure;
        }
      }
    }
  };
}
