import { readFileSync } from 'node:fs';
import type { ProtectionConfig } from '../../src/config/load-config.js';
import { jobsNamed } from '../../src/em/estate.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { ChatPort } from '../../src/watcher/chat-port.js';
import { createProtectionLoop, type ProtectionLoop } from '../../src/watcher/protection-loop.js';
import { startHarness, type Harness, type HarnessOptions } from './watcher-harness.js';

/** The protection settings the tests start from: only jobs named `Prot*`, the default levels. */
export function buildProtectionConfig(overrides: Partial<ProtectionConfig> = {}): ProtectionConfig {
  return {
    enabled: true,
    schedule: '*/10 * * * * *',
    jobs: 'Prot*',
    missedRunGraceMs: 30 * 60_000,
    rpoDefaultMs: undefined,
    repoWarnPercent: 15,
    repoCritPercent: 5,
    backfillMs: 0,
    ...overrides,
  };
}

/** The watcher harness plus a protection loop over the same state, store, clock and fake Slack. */
export interface ProtectionHarness extends Harness {
  loop: ProtectionLoop;
  protection: ProtectionConfig;
  /** Moves both clocks by `ms`, then runs one check. */
  check(ms?: number): ReturnType<ProtectionLoop['runOnce']>;
  /** A new watcher and loop on the same store (a restart). */
  restartLoop(overrides?: Partial<ProtectionConfig>): Promise<void>;
  /** A control API call. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

/** Starts the harness with a protection loop. */
export async function startProtectionHarness(
  options: HarnessOptions & { protection?: Partial<ProtectionConfig> } = {},
): Promise<ProtectionHarness> {
  const base = await startHarness(options);
  const harness = base as ProtectionHarness;
  const build = (overrides: Partial<ProtectionConfig> = {}) => {
    harness.protection = buildProtectionConfig({ ...options.protection, ...overrides });
    harness.loop = createProtectionLoop({
      state: () => harness.watcher.state(),
      save: () => harness.watcher.persist(),
      client: base.client,
      chat: base.chat,
      clock: base.clock,
      logger: silentLogger,
      config: base.config,
      protection: harness.protection,
    });
  };
  build();
  harness.check = async (ms = 1000) => {
    base.advance(ms);
    return harness.loop.runOnce();
  };
  harness.restartLoop = async (overrides) => {
    await base.restart();
    build(overrides);
  };
  harness.control = async (method, path, body) => {
    const res = await fetch(`${base.sim.origin}/_sim/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };
  return harness;
}

/**
 * Registers an `afterEach` that stops every harness the returned function started during the test: each test file
 * writes `h = await start()` instead of keeping its own `afterEach`.
 */
export function startedPerTest(): typeof startProtectionHarness {
  const started: ProtectionHarness[] = [];
  afterEach(async () => {
    for (const harness of started.splice(0)) await harness.stop();
  });
  return async (options) => {
    const harness = await startProtectionHarness(options);
    started.push(harness);
    return harness;
  };
}

/** The top-level missed-run alerts posted for job `name`. */
export const missedAlertsOf = (h: ProtectionHarness, name: string) =>
  h.topLevel().filter((m) => blockText(m, 'protection_header')?.startsWith(`⏰ Missed run: ${name}`));

/**
 * Creates an hourly job `name` (one VM, last run 5 minutes ago), stops it and checks until its missed-run alert is
 * out, 31 minutes after its NextRun (the grace is 30); returns that alert, the only one for the job.
 */
export async function missedRunAlert(h: ProtectionHarness, name: string) {
  await h.control('POST', 'jobs', {
    name,
    vms: [`${name.toLowerCase().replaceAll(' ', '-')}-vm1`],
    everyMinutes: 60,
    lastRunMinutesAgo: 5,
  });
  await h.check();
  await h.control('POST', `jobs/${encodeURIComponent(name)}`, { stopRunning: true });
  const [job] = await jobsNamed(h.client, name);
  await h.check((job?.schedule.nextRun?.getTime() ?? 0) + 31 * 60_000 - h.sim.clock.now());
  const alerts = missedAlertsOf(h, name);
  if (alerts.length !== 1) throw new Error(`expected one missed-run alert for ${name}, got ${alerts.length}`);
  return alerts[0];
}

/** The mrkdwn of a posted message's block with this `block_id` (protection alerts name theirs). */
export function blockText(message: { blocks?: unknown[] }, id: string): string | undefined {
  return (message.blocks as Array<{ block_id?: string; text?: { text: string } }> | undefined)?.find(
    (b) => b.block_id === id,
  )?.text?.text;
}

/**
 * The process dies at the first post `isTarget` picks: the state file is copied as it is at that moment (the record
 * pending on disk), the post reaches Slack or not, and nothing after it happens. `wrap` goes in `wrapChat`.
 */
export function crashAtPost(
  isTarget: (message: Parameters<ChatPort['post']>[0]) => boolean,
  reachesSlack: boolean,
  dataFile: () => string | undefined,
) {
  const crash = { armed: true, died: false, fileAtDeath: '' };
  const wrap = (chat: ChatPort): ChatPort => ({
    ...chat,
    post: async (message) => {
      if (!crash.armed) return chat.post(message);
      if (crash.died) throw new Error('the process is dead');
      if (!isTarget(message)) return chat.post(message);
      crash.died = true;
      crash.fileAtDeath = readFileSync(dataFile() ?? '', 'utf8');
      if (reachesSlack) await chat.post(message);
      throw new Error('SIGKILL');
    },
  });
  return { crash, wrap };
}
