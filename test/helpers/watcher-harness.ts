import { simClient } from './sim-client.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import type { WatcherConfig } from '../../src/config/load-config.js';
import { type EmClient } from '../../src/em/client.js';
import { createManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { type RunningSimulator, type SessionCreated, type SessionSpec } from '../../src/simulator/index.js';
import { createSlackChat } from '../../src/slack/chat.js';
import { createMemoryAlertStore, type AlertStore } from '../../src/watcher/alert-store.js';
import type { ChatPort } from '../../src/watcher/chat-port.js';
import { createLowdbAlertStore } from '../../src/watcher/lowdb-alert-store.js';
import type { WatcherState } from '../../src/watcher/state.js';
import { createWatcher, type PollReport, type Watcher } from '../../src/watcher/watcher.js';
import { startFakeSlack, type FakeSlack, type StoredMessage } from './fake-slack.js';
import { startManualSimulator } from './manual-simulator.js';
import { MINUTE, START } from './time.js';

// Re-exported for the watcher tests, which import them from here.
export { MINUTE, START };
export const ALERTS = 'CALERTS';

/** The watcher config the tests start from; override what a test is about. */
export function buildWatcherConfig(overrides: Partial<WatcherConfig> = {}): WatcherConfig {
  return {
    schedule: '* * * * * *',
    lookbackMs: 3_600_000,
    kinds: ['backup', 'replica', 'cdp', 'cdptask', 'failover'],
    alertChannel: ALERTS,
    mentionFailed: '<!subteam^S1>',
    mentionWarning: undefined,
    backfillMs: 0,
    retryGraceMs: 0,
    outageNoticeAfterMs: 900_000,
    stormThreshold: 5,
    ...overrides,
  };
}

export interface HarnessOptions {
  config?: Partial<WatcherConfig>;
  /** Historical sessions the simulator generates (default 0). */
  history?: number;
  /** Keep the state in a lowdb file in a temp dir instead of memory. */
  file?: boolean;
  /** The state a memory store starts with. */
  initialState?: WatcherState;
  /** Skip watcher.start() (tests of start itself). */
  noStart?: boolean;
  /** Wraps the Slack chat (to observe or interleave faults around posts). */
  wrapChat?: (chat: ChatPort, fake: FakeSlack) => ChatPort;
}

export interface Harness {
  sim: RunningSimulator;
  fake: FakeSlack;
  chat: ChatPort;
  client: EmClient;
  clock: ReturnType<typeof createManualClock>;
  config: WatcherConfig;
  store: AlertStore;
  watcher: Watcher;
  /** The lowdb file, with `file: true`. */
  dataFile: string | undefined;
  /** Moves both clocks forward by `ms` (default one second), then polls once. */
  poll(ms?: number): Promise<PollReport>;
  /** Moves both clocks forward without polling. */
  advance(ms: number): void;
  /** A new watcher on the same store (a restart), started. */
  restart(config?: Partial<WatcherConfig>): Promise<Watcher>;
  /** A stopped session that ended `agoMs` before the simulator's now. */
  stopped(spec: Partial<SessionSpec> & { result: string }, agoMs?: number): SessionCreated;
  /** Top-level messages (not thread replies) in a channel. */
  topLevel(channel?: string): StoredMessage[];
  /** Replies in the thread of `ts`. */
  replies(ts: string): StoredMessage[];
  /** Messages whose alert metadata key is `key`. */
  withKey(key: string): StoredMessage[];
  stop(): Promise<void>;
}

/** Starts the simulator (manual clock, no live scenario), a fake Slack and a watcher between them. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startManualSimulator({ history: options.history ?? 0 });
  const fake = await startFakeSlack();
  const slackChat = createSlackChat(
    new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
      // The WebClient logs every 429 it waits out; the tests provoke many.
      logLevel: webApi.LogLevel.ERROR,
    }),
    silentLogger,
    // Pacing (one post per second per channel) is tested on its own; here it would only slow storms down.
    { channelIntervalMs: 0 },
  );
  const chat = options.wrapChat ? options.wrapChat(slackChat, fake) : slackChat;
  const client = simClient(sim, { timeoutMs: 2000 });
  const clock = createManualClock(START);
  const config = buildWatcherConfig(options.config);
  const dir = options.file ? await mkdtemp(join(tmpdir(), 'watcher-')) : undefined;
  const dataFile = dir ? join(dir, 'state.json') : undefined;
  const store = dataFile ? createLowdbAlertStore(dataFile) : createMemoryAlertStore(options.initialState);
  const build = (overrides: Partial<WatcherConfig> = {}) =>
    createWatcher({ client, chat, store, clock, logger: silentLogger, config: { ...config, ...overrides } });
  const harness: Harness = {
    sim,
    fake,
    chat,
    client,
    clock,
    config,
    store,
    watcher: build(),
    dataFile,
    advance(ms) {
      sim.clock.advance(ms);
      clock.advance(ms);
    },
    async poll(ms = 1000) {
      harness.advance(ms);
      return harness.watcher.runOnce();
    },
    async restart(overrides) {
      harness.watcher = build(overrides);
      await harness.watcher.start();
      return harness.watcher;
    },
    stopped(spec, agoMs = 0) {
      const { type = 'BackupJobSession', jobName = 'Nightly Backup', ...rest } = spec;
      const end = sim.clock.now() - agoMs;
      return sim.createSession({
        type,
        jobName,
        state: 'Stopped',
        creationTime: new Date(end - 10 * MINUTE).toISOString(),
        endTime: new Date(end).toISOString(),
        ...rest,
      });
    },
    topLevel: (channel = ALERTS) => fake.messages.filter((m) => m.channel === channel && !m.thread_ts),
    replies: (ts) => fake.messages.filter((m) => m.thread_ts === ts),
    withKey: (key) => fake.messages.filter((m) => m.metadata?.event_payload['key'] === key),
    async stop() {
      await client.close().catch(() => undefined);
      await Promise.all([sim.stop(), fake.stop()]);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
  if (!options.noStart) await harness.watcher.start();
  return harness;
}

/** Calls of one Slack method the fake received. */
export function callsOf(fake: FakeSlack, method: string) {
  return fake.calls.filter((c) => c.method === method);
}
