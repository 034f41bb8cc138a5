import { createCatalog } from '../../src/commands/catalog.js';
import { createActionTokens } from '../../src/commands/job-actions/action-token.js';
import type { JobActionsDeps } from '../../src/commands/job-actions/job-actions-deps.js';
import { createJobOperators } from '../../src/commands/job-actions/operators.js';
import { createGroupMembers } from '../../src/slack/user-groups.js';
import type { CommandDeps } from '../../src/commands/types.js';
import type { SlackConfig, WatcherConfig } from '../../src/config/load-config.js';
import { createEmClient } from '../../src/em/client.js';
import { retryPolicies } from '../../src/em/retry-policies.js';
import { createManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { createSlackChat } from '../../src/slack/chat.js';
import { createSlackWebClient } from '../../src/slack/web-client.js';
import { createMemoryAlertStore, type AlertStore } from '../../src/watcher/alert-store.js';
import type { FollowLimits } from '../../src/commands/job-actions/follow-action.js';
import { createStateActionLedger } from '../../src/store/state-action-ledger.js';
import { localStateStore } from '../../src/store/state-store.js';
import { createTokenSpend } from '../../src/store/token-spend.js';
import { createSteppedSleep } from './stepped-sleep.js';
import { createFailoverFollowing } from '../../src/watcher/failovers.js';
import { createWatcher, type Watcher } from '../../src/watcher/watcher.js';
import type { ChatPort } from '../../src/watcher/chat-port.js';
import { startEmGate, type EmGate } from './em-gate.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startManualSimulator } from './manual-simulator.js';
import { START } from './time.js';
import { testSlackConfig } from './slack-requests.js';
import { buildWatcherConfig } from './watcher-harness.js';

export interface BotHarness {
  sim: RunningSimulator;
  slack: FakeSlack;
  app: SlackApp;
  eventsUrl: string;
  deps: CommandDeps;
  clock: ReturnType<typeof createManualClock>;
  /** The watcher behind the Follow button and the subscription commands (polled only when a test says so). */
  watcher: Watcher;
  /** The Slack chat port the watcher posts through (a protection loop in a test posts through it too). */
  chat: ChatPort;
  /** With `{ emGate: true }`: the gate between the bot's EM client and the simulator. */
  gate: EmGate | undefined;
  /** Steps the bot's clock and the simulator's together by `ms`, waking the bot's job-action waits that are due. */
  step(ms: number): void;
  /** How many of the bot's job-action waits are asleep now. */
  sleeping(): number;
  /** A backup session of `jobName` that ran the last 10 minutes of EM's clock and stopped with `result`. */
  stoppedSession(jobName: string, result?: string): { uid: string; id: string };
  stop(): Promise<void>;
}

/**
 * The real Slack app on Bolt's HTTP receiver (port 0), the simulator as EM, a fake Slack Web API.
 * `emGate` puts an EmGate between the EM client and the simulator, to hold EM's answers.
 */
export async function startBotHarness(
  overrides: Partial<SlackConfig> = {},
  timeoutMs = 5000,
  options: {
    emGate?: boolean;
    watcher?: Partial<WatcherConfig>;
    store?: AlertStore;
    /**
     * Turns job actions on with these OPERATORS, the EM account, the fake Slack's user groups, how the
     * simulator refuses an impossible action (a failing task by default, or HTTP 400) and the follow's limits.
     */
    jobActions?: {
      operators: string[];
      emUser?: string;
      groups?: Record<string, string[]>;
      refuseActionsWith?: 'task' | 'http';
      /** The simulator shows action links to every role (a Portal User then gets a 403 when it acts). */
      actionLinksForEveryRole?: boolean;
      followLimits?: FollowLimits;
    };
  } = {},
): Promise<BotHarness> {
  const sim = await startManualSimulator({
    history: 300,
    ...(options.jobActions?.refuseActionsWith
      ? { refuseActionsWith: options.jobActions.refuseActionsWith }
      : {}),
    ...(options.jobActions?.actionLinksForEveryRole ? { actionLinksForEveryRole: true } : {}),
  });
  const slack = await startFakeSlack(options.jobActions?.groups ? { groups: options.jobActions.groups } : {});
  const gate = options.emGate ? await startEmGate(sim.url) : undefined;
  const clock = createManualClock(START);
  const client = createEmClient({
    apiBase: gate?.url ?? sim.url,
    username: options.jobActions?.emUser ?? sim.user,
    password: options.jobActions?.emUser ?? sim.password,
    timeoutMs,
    retryPolicy: retryPolicies.fast,
    logger: silentLogger,
  });
  const config = testSlackConfig(slack.apiUrl, overrides);
  const chat = createSlackChat(createSlackWebClient(config), silentLogger, { channelIntervalMs: 0 });
  const store = options.store ?? createMemoryAlertStore();
  const watcher = createWatcher({
    client,
    chat,
    store,
    clock,
    logger: silentLogger,
    config: buildWatcherConfig({ kinds: ['failover'], ...options.watcher }),
    ...(options.jobActions ? { jobActions: true } : {}),
  });
  await watcher.start();
  const time = createSteppedSleep(clock);
  const deps: CommandDeps = {
    client,
    catalog: createCatalog({ client, clock, ttlMs: 0 }),
    clock,
    logger: silentLogger,
    watcher,
    ...(options.jobActions
      ? {
          jobActions: {
            ...testJobActions(options.jobActions.operators, config, clock),
            ledger: createStateActionLedger(watcher),
            spendToken: createTokenSpend(localStateStore(store), watcher),
            sleep: time.sleep,
            ...(options.jobActions.followLimits ? { followLimits: options.jobActions.followLimits } : {}),
          },
        }
      : {}),
  };
  const app = createSlackApp({
    slack: config,
    commands: deps,
    logger: silentLogger,
    chat,
    follow: createFailoverFollowing(watcher, () => clock.now()),
  });
  const port = await app.start();
  return {
    sim,
    slack,
    app,
    deps,
    clock,
    watcher,
    chat,
    gate,
    step: (ms) => {
      sim.clock.advance(ms);
      time.advance(ms);
    },
    sleeping: () => time.waiting(),
    stoppedSession: (jobName, result = 'Failed') =>
      sim.createSession({
        type: 'BackupJobSession',
        jobName,
        state: 'Stopped',
        result,
        creationTime: new Date(sim.clock.now() - 10 * 60_000).toISOString(),
        endTime: new Date(sim.clock.now()).toISOString(),
      }),
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
      gate?.open();
      await client.close();
      await gate?.stop();
      await slack.stop();
      await sim.stop();
    },
  };
}

/** Every mrkdwn text of a message (block texts, fields, context elements, the top-level text): what Slack parses. */
export function mrkdwnTexts(body: { blocks?: unknown; text?: unknown }): string[] {
  const found: string[] = typeof body.text === 'string' ? [body.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'mrkdwn' && typeof record['text'] === 'string') found.push(record['text']);
    Object.values(record).forEach(walk);
  };
  walk(body.blocks);
  return found;
}

/** Job actions as main.ts builds them: operators with group expansion through the fake Slack, signed tokens. */
function testJobActions(
  operators: string[],
  config: SlackConfig,
  clock: ReturnType<typeof createManualClock>,
): Omit<JobActionsDeps, 'ledger' | 'spendToken'> {
  const web = createSlackWebClient(config);
  return {
    operators: createJobOperators({
      operators,
      members: createGroupMembers(web),
      clock,
      logger: silentLogger,
    }),
    tokens: createActionTokens('test-action-key'),
  };
}
