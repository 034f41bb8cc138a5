import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../config/load-config.js';

const SLACK_TIMEOUT_MS = 15_000;
/**
 * About half a minute of retries at most (429 waits come on top), instead of the Web API client's default of
 * half an hour: the watcher posts one alert at a time, and an alert that still fails stays pending on disk
 * and is settled by the next poll, so a long wait here would only hold every other alert back.
 */
const SLACK_RETRIES = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 8_000, randomize: true };

/** The Web API client options shared by Bolt's own client and the chat port's. */
export function slackClientOptions(slack: Pick<SlackConfig, 'apiUrl'>): webApi.WebClientOptions {
  // A Web API call that never answers must not stall the watcher (its polls never overlap): time it out,
  // and let the client's retry policy try again. 429s are still waited out, never dropped.
  return {
    timeout: SLACK_TIMEOUT_MS,
    retryConfig: SLACK_RETRIES,
    ...(slack.apiUrl ? { slackApiUrl: withTrailingSlash(slack.apiUrl) } : {}),
  };
}

/** The Web API client every write of the bot goes through (wrapped by the chat port in chat.ts). */
export function createSlackWebClient(slack: Pick<SlackConfig, 'apiUrl' | 'botToken'>): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, slackClientOptions(slack));
}

/** Slack's API base must end with a slash for the client to append method names. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
