import { App, type webApi } from '@slack/bolt';
import { failoverProgress } from '../commands/actions.js';
import type { CommandDeps } from '../commands/types.js';
import type { SlackConfig } from '../config/load-config.js';
import type { Logger } from '../shared/logger.js';
import { createBoltLogger } from './bolt-logger.js';
import { createFailoverFollower, type FailoverFollower } from './failover-follower.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';
import { createWorkQueue } from './work-queue.js';

const WORK_CONCURRENCY = 8;
/**
 * About half a minute of retries at most with the default SLACK_RETRY_DELAY (429 waits come on top), instead
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

export interface SlackAppOptions {
  slack: SlackConfig;
  commands: CommandDeps;
  logger: Logger;
  /** How often a followed failover message is refreshed. */
  followIntervalMs?: number;
  /** How many commands and button clicks are worked on at once after their ack (default 8). */
  workConcurrency?: number;
}

export interface SlackApp {
  app: App;
  client: webApi.WebClient;
  follower: FailoverFollower;
  /**
   * Starts the receiver: Socket Mode with an app token, else HTTP on the configured port at /slack/events.
   * Resolves with the HTTP port actually bound (PORT=0 picks a free one), undefined in Socket Mode.
   */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** Builds the Bolt app, registers the listeners and the one error handler. Receivers do transport only. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, logger } = options;
  if (!slack.botToken) throw new Error('createSlackApp needs SLACK_BOT_TOKEN');
  const socketMode = slack.appToken !== undefined;
  const app = new App({
    token: slack.botToken,
    logger: createBoltLogger(logger.child({ part: 'slack' })),
    ...(socketMode
      ? {
          socketMode: true,
          appToken: slack.appToken,
          // Bolt's Socket Mode client opens its connection with its own Web API client, configured here.
          ...(slack.apiUrl
            ? { installerOptions: { clientOptions: { slackApiUrl: withTrailingSlash(slack.apiUrl) } } }
            : {}),
        }
      : { signingSecret: slack.signingSecret ?? '' }),
    // A Web API call that never answers must not stall the watcher (its polls never overlap): time it out,
    // and let the client's retry policy try again. 429s are still waited out, never dropped.
    clientOptions: {
      timeout: slack.timeoutMs,
      retryConfig: slackRetries(slack.retryDelayMs),
      ...(slack.apiUrl ? { slackApiUrl: withTrailingSlash(slack.apiUrl) } : {}),
    },
  });
  const follower = createFailoverFollower({
    progress: (href) => failoverProgress(href, options.commands),
    update: async (channel, ts, message) => {
      await app.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    intervalMs: options.followIntervalMs ?? 15_000,
    maxDurationMs: 24 * 3_600_000,
    now: () => options.commands.clock.now(),
    logger,
  });
  const queue = createWorkQueue(options.workConcurrency ?? WORK_CONCURRENCY);
  registerCommands(app, options.commands, slack, queue);
  registerActions(app, options.commands, { access: slack, queue }, follower);
  app.error(async (error) => {
    logger.error({ err: error.message, code: error.code }, 'unhandled Slack listener error');
  });
  return {
    app,
    client: app.client,
    follower,
    start: async () => {
      if (socketMode) {
        await app.start();
        logger.info({ mode: 'socket' }, 'Slack app started');
        return undefined;
      }
      const server = await app.start(slack.port);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : slack.port;
      logger.info({ mode: 'http', port }, 'Slack app started');
      return port;
    },
    stop: async () => {
      follower.stop();
      await app.stop();
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
