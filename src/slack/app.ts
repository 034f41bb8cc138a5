import { App, type webApi } from '@slack/bolt';
import { failoverProgress } from '../commands/actions.js';
import type { CommandDeps } from '../commands/types.js';
import type { SlackConfig } from '../config/load-config.js';
import type { Logger } from '../shared/logger.js';
import { createBoltLogger } from './bolt-logger.js';
import { createFailoverFollower, type FailoverFollower } from './failover-follower.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';

export interface SlackAppOptions {
  slack: SlackConfig;
  commands: CommandDeps;
  logger: Logger;
  /** How often a followed failover message is refreshed. */
  followIntervalMs?: number;
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
      ? { socketMode: true, appToken: slack.appToken }
      : { signingSecret: slack.signingSecret ?? '' }),
    ...(slack.apiUrl ? { clientOptions: { slackApiUrl: withTrailingSlash(slack.apiUrl) } } : {}),
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
  registerCommands(app, options.commands, slack);
  registerActions(app, options.commands, slack, follower);
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
