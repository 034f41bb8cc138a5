import 'dotenv/config';
import { startBanner } from './config/banner.js';
import { startWatcher } from './watcher/start-watcher.js';
import { createEmClient, type EmClient } from './em/client.js';
import { connectEm } from './em/connect.js';
import { backoffFrom } from './em/retry-policies.js';
import { OPERATOR_ACCOUNT, startSimulator } from './simulator/index.js';
import { createCatalog } from './commands/catalog.js';
import { createActionTokens } from './commands/job-actions/action-token.js';
import { createJobOperators } from './commands/job-actions/operators.js';
import { createRoutingPort } from './commands/routing-port.js';
import type { CommandDeps } from './commands/types.js';
import { createWatcherSlot, type WatcherPort } from './commands/watcher-port.js';
import { loadConfig, redactConfig, type Config } from './config/load-config.js';
import { consoleFilesDir, createConsoleChat } from './console/console-chat.js';
import { createConsoleJobActions } from './console/console-confirm.js';
import { createConsolePrinter } from './console/console-printer.js';
import { runConsolePrompt } from './console/console-prompt.js';
import { runDoctor } from './doctor/run-doctor.js';
import { startHealthServer } from './health/health-server.js';
import { createHealthKit, type HealthKit } from './health/health-kit.js';
import { cachedSlackAuth } from './health/readiness.js';
import { observeWatcher, watcherHooks } from './health/watcher-health.js';
import { slackMethodOf, withChatMetrics } from './metrics/chat-metrics.js';
import { createMetrics } from './metrics/registry.js';
import { systemClock } from './shared/clock.js';
import { isAppError } from './shared/errors.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createSlackApp } from './slack/app.js';
import { createSlackChat } from './slack/chat.js';
import { DEFAULT_RATE_LIMIT } from './slack/rate-limit-gate.js';
import { createGroupMembers } from './slack/user-groups.js';
import { createSlackWebClient, onRateLimited } from './slack/web-client.js';
import type { ChatPort } from './watcher/chat-port.js';
import type { ActionLedger } from './store/action-ledger.js';
import { createTokenSpend, type SpendToken } from './store/token-spend.js';
import { createStateActionLedger } from './store/state-action-ledger.js';
import { createFailoverFollowing, type FailoverFollowPort } from './watcher/failovers.js';

type Stop = () => Promise<void>;

/** The composition root: load config, build the real parts, start them; `doctor` checks a setup instead. */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'doctor') {
    const logger = createLogger({ level: 'silent' });
    process.exitCode = await runDoctor(process.env, {
      write: (line) => process.stdout.write(`${line}\n`),
      logger,
    });
    return;
  }
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  const stops: Stop[] = [];
  const shutdown = async (code: number) => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const health = createHealthKit(createMetrics(), () => systemClock.now());
  const em = await openEm(config, logger.child({ part: 'em' }), health);
  stops.push(() => em.close());
  health.setEmProbe(() => em.client.root());
  for (const line of startBanner(config, { emUrl: em.client.apiBase, dataFile: config.dataFile })) {
    process.stdout.write(`${line}\n`);
  }
  const watcher = createWatcherSlot();
  const deps = commandDeps(config, em, logger, watcher.port);
  const bindWatcher = watcher.bind;
  const run = { deps, bindWatcher, logger, stops, health };
  if (config.mode === 'slack') await runSlack(config, em, run);
  else if (await runConsole(config, em, run)) await shutdown(0);
}

/** What both modes share: the command deps (built once) and how to attach the watcher they talk to. */
interface Run {
  deps: CommandDeps;
  bindWatcher: (watcher: WatcherPort) => void;
  logger: Logger;
  stops: Stop[];
  /** Metrics and readiness, filled in as the parts start; served on PORT or HEALTH_PORT. */
  health: HealthKit;
  /** Job actions' ledger, from the store once the watcher started (PostgreSQL's tables, else the state). */
  actionLedger?: ActionLedger;
  spendToken?: SpendToken;
}

/** Slack mode: Bolt receives commands and clicks; the watcher posts through the same Web API client. */
async function runSlack(config: Config, em: EmConnection, run: Run): Promise<void> {
  const { deps, logger, stops, health } = run;
  const web = createSlackWebClient(config.slack);
  onRateLimited(web, (url) => health.metrics.slackRateLimited(slackMethodOf(url)));
  health.addPart(cachedSlackAuth(() => web.auth.test()));
  const slackChat = createSlackChat(web, logger.child({ part: 'slack-chat' }), {
    channelIntervalMs: config.slack.postIntervalMs,
    rateLimit: { ...DEFAULT_RATE_LIMIT, maxWaitMs: config.slack.rateLimitWaitMs },
  });
  const chat = withChatMetrics(slackChat, health.metrics);
  const follow = await startAlerts(config, em, chat, run);
  if (config.jobActions.enabled) {
    deps.jobActions = {
      operators: createJobOperators({
        operators: config.operators,
        members: createGroupMembers(createSlackWebClient(config.slack)),
        clock: systemClock,
        logger: logger.child({ part: 'job-actions' }),
      }),
      tokens: createActionTokens(config.jobActions.signingKey),
      ledger: run.actionLedger!,
      spendToken: run.spendToken!,
    };
  }
  const routes = health.routes();
  const socketMode = config.slack.appToken !== undefined;
  const slack = createSlackApp({
    slack: config.slack,
    commands: deps,
    logger,
    chat,
    follow,
    ...(socketMode ? {} : { routes }),
  });
  await slack.start();
  stops.push(() => slack.stop());
  if (socketMode) await serveHealth(config, run);
}

/** Console mode (local demo or a real EM without Slack): alerts and replies print here. True when the user quit. */
async function runConsole(config: Config, em: EmConnection, run: Run): Promise<boolean> {
  const printer = createConsolePrinter({
    write: (text) => process.stdout.write(text),
    color: process.stdout.isTTY === true,
  });
  const chat = withChatMetrics(
    createConsoleChat(printer, () => systemClock.now(), {
      filesDir: consoleFilesDir(config.mode === 'local-demo'),
    }),
    run.health.metrics,
  );
  const follow = await startAlerts(config, em, chat, run);
  // In the console the local user is the one operator; JOB_ACTIONS decides (on by default in the demo).
  if (config.jobActions.enabled) {
    run.deps.jobActions = createConsoleJobActions({
      signingKey: config.jobActions.signingKey,
      clock: systemClock,
      logger: run.logger.child({ part: 'job-actions' }),
      ledger: run.actionLedger!,
      spendToken: run.spendToken!,
    });
  }
  await serveHealth(config, run);
  await runConsolePrompt({
    input: process.stdin,
    printer,
    deps: run.deps,
    chat,
    follow,
    prompt: process.stdin.isTTY === true,
  });
  // With piped input (a service, a test) the end of input is not a request to stop: alerts keep printing.
  return process.stdin.isTTY === true;
}

async function startAlerts(
  config: Config,
  em: EmConnection,
  chat: ChatPort,
  run: Run,
): Promise<FailoverFollowPort> {
  const { logger, stops } = run;
  const { watcher, schedule, store, leadership, protection, digest } = await startWatcher({
    config,
    client: em.client,
    chat,
    clock: systemClock,
    logger,
    hooks: watcherHooks(run.health),
  });
  observeWatcher(run.health, { watcher, store, leadership });
  stops.push(() => store.close());
  stops.push(() => leadership.stop());
  stops.push(() => schedule.stop());
  if (protection) stops.push(() => protection.schedule.stop());
  if (digest) stops.push(() => digest.schedule.stop());
  run.bindWatcher(watcher);
  run.actionLedger = store.actionLedger ?? createStateActionLedger(watcher);
  run.spendToken = createTokenSpend(store, watcher);
  // In the console the local user is the operator; in Slack OPERATORS decides.
  run.deps.routing = createRoutingPort({
    operators: config.mode === 'slack' ? config.operators : undefined,
    ...(config.mode === 'slack' && config.operators?.some((id) => id.startsWith('S'))
      ? {
          groupCheck: createJobOperators({
            operators: config.operators,
            members: createGroupMembers(createSlackWebClient(config.slack)),
            clock: systemClock,
            logger: logger.child({ part: 'operators' }),
          }).isOperator,
        }
      : {}),
    alertChannel: config.watcher.alertChannel,
    chat,
    logger: logger.child({ part: 'routing' }),
  });
  void schedule.runNow();
  if (protection) void protection.schedule.runNow();
  // A digest missed while the bot was down goes out as soon as it is back, not at the next minute.
  if (digest) void digest.schedule.runNow();
  return createFailoverFollowing(watcher, () => systemClock.now());
}

/** The health endpoints on HEALTH_HOST:HEALTH_PORT (Socket Mode and the console; HTTP mode serves them on PORT). */
async function serveHealth(config: Config, run: Run): Promise<void> {
  // A busy port (a second replica on the same host) must not stop the alerts: say so and run without them.
  const server = await startHealthServer(run.health.routes(), config.health).catch((error: unknown) => {
    run.logger.error({ err: String(error), port: config.health.port }, 'health endpoints not served');
    return undefined;
  });
  if (!server) return;
  run.stops.push(() => server.stop());
  run.logger.info({ port: server.port, host: config.health.host }, 'health endpoints listening');
}

/** The EM the bot talks to, and how to close it. */
interface EmConnection {
  client: EmClient;
  close(): Promise<void>;
}

/** Options of the embedded demo simulator. */
const DEMO_SIMULATOR = { seed: 42, history: 2000, live: true } as const;

/** The configured EM, or (VEEAM_URL unset) the embedded simulator on loopback with live sessions. */
async function openEm(config: Config, logger: Logger, health: HealthKit): Promise<EmConnection> {
  const { url } = config.em;
  const onResponse = health.onEmResponse;
  const retryPolicy = backoffFrom(config.em.retryDelayMs);
  if (url !== undefined) {
    const client = await connectEm({ ...config.em, url }, { logger, onResponse, retryPolicy });
    return { client, close: () => client.close() };
  }
  const simulator = await startSimulator({ ...DEMO_SIMULATOR, port: 0, host: '127.0.0.1' });
  // With job actions on, the demo logs on with the role that may run them (docs/em-protocol.md, "Roles for job actions").
  const account = config.jobActions.enabled ? OPERATOR_ACCOUNT : simulator;
  const client = createEmClient({
    apiBase: simulator.url,
    username: account.user,
    password: account.password,
    timeoutMs: config.em.timeoutMs,
    maxResponseBytes: config.em.maxResponseBytes,
    retryPolicy,
    logger,
    onResponse,
  });
  return {
    client,
    close: async () => {
      await client.close().catch(() => undefined);
      await simulator.stop();
    },
  };
}

function commandDeps(config: Config, em: EmConnection, logger: Logger, watcher: WatcherPort): CommandDeps {
  return {
    watcher,
    client: em.client,
    catalog: createCatalog({ client: em.client, clock: systemClock }),
    clock: systemClock,
    logger: logger.child({ part: 'commands' }),
    protection: config.protection,
    digestTimeZone: config.digest.timeZone,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
