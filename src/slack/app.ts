import { App } from '@slack/bolt';
import type { CommandDeps } from '../commands/types.js';
import type { SlackConfig } from '../config/load-config.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { FailoverFollowPort } from '../watcher/failovers.js';
import { createBoltLogger } from './bolt-logger.js';
import { createInFlightRequests } from './in-flight.js';
import { capConnections, createHttpReceiver, httpServerOptions } from './http-receiver.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';
import { registerEvents } from './listeners/events/index.js';
import { registerViews } from './listeners/views/index.js';
import { slackClientOptions, withTrailingSlash } from './web-client.js';
import { createWorkQueue } from './work-queue.js';

const WORK_CONCURRENCY = 8;

export interface SlackAppOptions {
  slack: SlackConfig;
  commands: CommandDeps;
  logger: Logger;
  /** The chat port every post and update of the listeners goes through (chat.ts). */
  chat: ChatPort;
  /** The watcher's followed set, for the Follow button. */
  follow: FailoverFollowPort;
  /** How many commands and button clicks are worked on at once after their ack (default 8). */
  workConcurrency?: number;
  /** GET routes served on PORT next to /slack/events in HTTP mode (the health endpoints). */
  routes?: Parameters<typeof createHttpReceiver>[0]['routes'];
}

export interface SlackApp {
  app: App;
  /**
   * Starts the receiver: Socket Mode with an app token, else HTTP on the configured port at /slack/events.
   * Resolves with the HTTP port actually bound (PORT=0 picks a free one), undefined in Socket Mode.
   */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
  /** HTTP requests read but not yet answered (always 0 in Socket Mode). */
  requestsInFlight(): number;
}

/** Builds the Bolt app, registers the listeners and the one error handler. Receivers do transport only. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, logger } = options;
  if (!slack.botToken) throw new Error('createSlackApp needs SLACK_BOT_TOKEN');
  const socketMode = slack.appToken !== undefined;
  const boltLogger = createBoltLogger(logger.child({ part: 'slack' }));
  // Socket Mode acks over its WebSocket, so only the HTTP receiver has requests waiting for an ack.
  const inFlight = socketMode ? undefined : createInFlightRequests();
  const app = new App({
    token: slack.botToken,
    logger: boltLogger,
    ...(socketMode
      ? {
          socketMode: true,
          appToken: slack.appToken,
          // Bolt's Socket Mode client opens its connection with its own Web API client, configured here.
          ...(slack.apiUrl
            ? { installerOptions: { clientOptions: { slackApiUrl: withTrailingSlash(slack.apiUrl) } } }
            : {}),
        }
      : {
          receiver: createHttpReceiver({
            signingSecret: slack.signingSecret ?? '',
            boltLogger,
            logger,
            ...(inFlight ? { inFlight } : {}),
            ...(options.routes ? { routes: options.routes } : {}),
          }),
        }),
    clientOptions: slackClientOptions(slack),
  });
  const queue = createWorkQueue(options.workConcurrency ?? WORK_CONCURRENCY, inFlight?.whenIdle);
  registerCommands(app, options.commands, slack, queue, options.chat);
  registerActions(app, {
    commands: options.commands,
    access: slack,
    queue,
    chat: options.chat,
    follow: options.follow,
  });
  registerViews(app, { commands: options.commands, chat: options.chat, queue });
  registerEvents(app, { commands: options.commands, chat: options.chat });
  app.error(async (error) => {
    logger.error({ err: error.message, code: error.code }, 'unhandled Slack listener error');
  });
  return {
    app,
    start: async () => {
      if (socketMode) {
        await app.start();
        logger.info({ mode: 'socket' }, 'Slack app started');
        return undefined;
      }
      const limits = { requestTimeoutMs: slack.requestTimeoutMs, maxConnections: slack.maxConnections };
      const server = await app.start(slack.port, httpServerOptions(limits));
      capConnections(server, limits);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : slack.port;
      logger.info({ mode: 'http', port }, 'Slack app started');
      return port;
    },
    stop: async () => {
      await app.stop();
    },
    requestsInFlight: () => inFlight?.count() ?? 0,
  };
}
