import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../config/load-config.js';

/**
 * About half a minute of retries at most with the default SLACK_RETRY_DELAY (429s: see createSlackWebClient), instead
 * of the Web API client's default of half an hour: the watcher posts one alert at a time, and an alert that
 * still fails stays pending on disk and is settled by the next poll, so a long wait here would only hold
 * every other alert back.
 */
const slackRetries = (delayMs: number) => ({
  retries: 5,
  factor: 2,
  minTimeout: delayMs,
  maxTimeout: 16 * delayMs,
  randomize: true,
});

/** The Web API client options shared by Bolt's own client and the chat port's. */
export function slackClientOptions(
  slack: Pick<SlackConfig, 'apiUrl' | 'timeoutMs' | 'retryDelayMs'>,
): webApi.WebClientOptions {
  // A Web API call that never answers must not stall the watcher (its polls never overlap): time it out,
  // and let the client's retry policy try again.
  return {
    timeout: slack.timeoutMs,
    retryConfig: slackRetries(slack.retryDelayMs),
    ...(slack.apiUrl ? { slackApiUrl: withTrailingSlash(slack.apiUrl) } : {}),
  };
}

/**
 * The Web API client every write of the bot goes through (wrapped by the chat port in chat.ts). It rejects 429s
 * instead of waiting them out: its own wait pauses its one queue, so one channel's Retry-After would hold every
 * other channel's alert; the chat port's rate-limit gate retries per channel instead.
 */
export function createSlackWebClient(
  slack: Pick<SlackConfig, 'apiUrl' | 'botToken' | 'timeoutMs' | 'retryDelayMs'>,
): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, { ...slackClientOptions(slack), rejectRateLimitedCalls: true });
}

/** Slack's API base must end with a slash for the client to append method names. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Calls `listener` with the call's URL each time Slack answers 429 (for metrics; the chat port retries). */
export function onRateLimited(client: webApi.WebClient, listener: (url: string) => void): void {
  client.on(webApi.WebClientEvent.RATE_LIMITED, (_retryAfter: number, request: { url: string }) =>
    listener(request.url),
  );
}
