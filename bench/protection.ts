import { loadConfig } from '../src/config/load-config.js';
import { createEmClient, type EmClient } from '../src/em/client.js';
import { retryPolicies } from '../src/em/retry-policies.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { createMemoryAlertStore } from '../src/watcher/alert-store.js';
import { createProtectionLoop, type ProtectionLoop } from '../src/watcher/protection-loop.js';
import { createWatcher } from '../src/watcher/watcher.js';
import { createRecordingChat } from './recording-chat.js';
import type { Row, SectionResult } from './section.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { cpuMsSince, median, msSince, round } from './stats.js';

/** Sessions of history the simulator invents (restore points derive from those runs). */
const HISTORIES = [10_000, 1_000_000];
const ROUNDS = 9;

/** One protection check's cost: EM requests and bytes (the simulator's counts), our CPU and wall time. */
interface CheckCost {
  requests: number;
  bytes: number;
  cpuMs: number;
  wallMs: number;
}

/** Section `protection`: one steady-state protection check against 10k and 1M sessions of history. */
export async function benchProtection(): Promise<SectionResult> {
  const byHistory: Array<{ history: number } & CheckCost> = [];
  for (const history of HISTORIES) byHistory.push({ history, ...(await measureHistory(history)) });
  const first = byHistory[0] as (typeof byHistory)[number];
  const last = byHistory[byHistory.length - 1] as (typeof byHistory)[number];
  const rows: Row[] = byHistory.map((cost) => ({
    measure: `${label(cost.history)} sessions: requests, KB, CPU ms, wall ms`,
    value: `${cost.requests}, ${round(cost.bytes / 1024, 1)} KB, ${round(cost.cpuMs, 1)}, ${round(cost.wallMs, 1)}`,
  }));
  for (const metric of ['requests', 'bytes', 'cpuMs'] as const) {
    const growth = last[metric] / first[metric];
    rows.push({
      measure: `${metric} growth ${label(first.history)} -> ${label(last.history)}`,
      value: `x${round(growth, 2)}`,
      goal: '<= x1.20 (flat)',
      met: growth <= 1.2,
    });
  }
  return {
    id: 'protection',
    title: `Protection check (default scenario estate, median of ${ROUNDS} checks after the first)`,
    rows,
    figures: { rounds: ROUNDS, byHistory },
  };
}

const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

async function measureHistory(history: number): Promise<CheckCost> {
  const sim = await startSimProcess({ history });
  const client = clientFor(sim);
  try {
    const loop = await startLoop(sim, client);
    // The first check reads its bootstrap window and announces the estate; the measured ones are the steady state.
    for (let warm = 0; warm < 2; warm += 1) await checkOnce(loop);
    const costs: CheckCost[] = [];
    for (let r = 0; r < ROUNDS; r += 1) costs.push(await measure(sim, loop));
    const of = (metric: keyof CheckCost) => median(costs.map((c) => c[metric]));
    return { requests: of('requests'), bytes: of('bytes'), cpuMs: of('cpuMs'), wallMs: of('wallMs') };
  } finally {
    await client.close().catch(() => undefined);
    await sim.stop();
  }
}

async function startLoop(sim: SimProcess, client: EmClient): Promise<ProtectionLoop> {
  const config = loadConfig({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    ALERT_CHANNEL: 'CBENCH',
  });
  const chat = createRecordingChat();
  const watcher = createWatcher({
    client,
    chat,
    store: createMemoryAlertStore(),
    clock: systemClock,
    logger: silentLogger,
    config: config.watcher,
  });
  await watcher.start();
  return createProtectionLoop({
    state: () => watcher.state(),
    save: () => watcher.persist(),
    client,
    chat,
    clock: systemClock,
    logger: silentLogger,
    config: config.watcher,
    protection: config.protection,
  });
}

async function checkOnce(loop: ProtectionLoop): Promise<void> {
  const report = await loop.runOnce();
  if (!report.ok) throw new Error(`protection check failed: ${report.error}`);
}

async function measure(sim: SimProcess, loop: ProtectionLoop): Promise<CheckCost> {
  await sim.resetStats();
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  await checkOnce(loop);
  const cpuMs = cpuMsSince(cpu);
  const wallMs = msSince(wall);
  const stats = await sim.stats();
  return { requests: stats.requests.total, bytes: stats.bytes.total, cpuMs, wallMs };
}

function clientFor(sim: SimProcess): EmClient {
  return createEmClient({
    apiBase: sim.url,
    username: sim.user,
    password: sim.password,
    timeoutMs: 30_000,
    retryPolicy: retryPolicies.default,
    logger: silentLogger,
  });
}
