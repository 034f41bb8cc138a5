import { createCatalog } from '../../src/commands/catalog.js';
import type { CommandDeps } from '../../src/commands/types.js';
import type { SlackConfig } from '../../src/config/load-config.js';
import { createEmClient } from '../../src/em/client.js';
import { retryPolicies } from '../../src/em/retry-policies.js';
import { createManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { emptyState } from '../../src/watcher/state.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { testSlackConfig } from './slack-requests.js';

export const HARNESS_START = Date.parse('2025-11-20T12:00:00Z');

export interface BotHarness {
  sim: RunningSimulator;
  slack: FakeSlack;
  app: SlackApp;
  eventsUrl: string;
  deps: CommandDeps;
  stop(): Promise<void>;
}

/** The real Slack app on Bolt's HTTP receiver (port 0), the simulator as EM, a fake Slack Web API. */
export async function startBotHarness(
  overrides: Partial<SlackConfig> = {},
  timeoutMs = 5000,
): Promise<BotHarness> {
  const sim = await startSimulator({
    history: 300,
    live: false,
    clock: { manual: true, startTime: HARNESS_START },
  });
  const slack = await startFakeSlack();
  const clock = createManualClock(HARNESS_START);
  const client = createEmClient({
    apiBase: sim.url,
    username: sim.user,
    password: sim.password,
    timeoutMs,
    retryPolicy: retryPolicies.fast,
    logger: silentLogger,
  });
  const state = emptyState();
  const deps: CommandDeps = {
    client,
    catalog: createCatalog({ client, clock, ttlMs: 0 }),
    clock,
    logger: silentLogger,
    watcher: { state: () => state, persist: async () => undefined },
  };
  const app = createSlackApp({
    slack: testSlackConfig(slack.apiUrl, overrides),
    commands: deps,
    logger: silentLogger,
    followIntervalMs: 30,
  });
  const port = await app.start();
  return {
    sim,
    slack,
    app,
    deps,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
      await client.close();
      await slack.stop();
      await sim.stop();
    },
  };
}

/** Every text in a message's blocks, joined; for assertions on what a reader sees. */
export function blockText(body: { blocks?: unknown; text?: unknown }): string {
  return JSON.stringify(body.blocks ?? []) + String(body.text ?? '');
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
