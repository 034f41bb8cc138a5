import { loadConfig } from '../src/config/load-config.js';
import type { EmClient } from '../src/em/client.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { createMemoryAlertStore } from '../src/watcher/alert-store.js';
import { createProtectionLoop, type ProtectionLoop } from '../src/watcher/protection-loop.js';
import { createWatcher } from '../src/watcher/watcher.js';
import { createRecordingChat } from './recording-chat.js';
import type { Row, SectionResult } from './section.js';
import { simEmClient, startSimProcess, type SimProcess } from './sim-process.js';
import { cpuMsSince, median, msSince, round } from './stats.js';

/** The estate: 1,000 daily backup jobs of 10 VMs each, created through the simulator's control API. */
const JOBS = 1000;
const VMS_PER_JOB = 10;
/** Runs per job: 1 (10k restore points in all) and 100 (1M). */
const RUNS = [1, 100];
/** The newest run ended this long ago; the one before it a day earlier. */
const LAST_RUN_MINUTES_AGO = 120;
/**
 * RPO_DEFAULT: a day plus an hour, so both estates have the same points inside the window (each VM's newest) and
 * the figures compare history only (a learned RPO, 1.5 x the interval, would also reach the run before the newest
 * in the 1M estate, which the 10k one does not have).
 */
const RPO_DEFAULT = '25h';
const ROUNDS = 9;

/** One protection check's cost: EM requests and bytes (the simulator's counts), our CPU and wall time. */
interface CheckCost {
  requests: number;
  bytes: number;
  cpuMs: number;
  wallMs: number;
}

/** Section `protection`: one steady-state check of 1,000 jobs / 10,000 VMs with 10k and 1M restore points. */
export async function benchProtection(): Promise<SectionResult> {
  const byHistory: Array<{ history: number } & CheckCost> = [];
  for (const runs of RUNS) {
    const history = JOBS * VMS_PER_JOB * runs;
    byHistory.push({ history, ...(await measureHistory(runs)) });
  }
  const first = byHistory[0] as (typeof byHistory)[number];
  const last = byHistory[byHistory.length - 1] as (typeof byHistory)[number];
  const rows: Row[] = byHistory.map((cost) => ({
    measure: `${label(cost.history)} restore points: requests, KB, CPU ms, wall ms`,
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
    title: `Protection check (${JOBS} jobs, ${JOBS * VMS_PER_JOB} VMs, RPO_DEFAULT=${RPO_DEFAULT}, median of ${ROUNDS} checks after the first two)`,
    rows,
    figures: { rounds: ROUNDS, jobs: JOBS, vms: JOBS * VMS_PER_JOB, rpoDefault: RPO_DEFAULT, byHistory },
  };
}

const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

async function measureHistory(runs: number): Promise<CheckCost> {
  // No scenario history and no live runs: the created jobs are the estate.
  const sim = await startSimProcess({ history: 0 });
  const client = simEmClient(sim, 30_000);
  try {
    await createEstate(sim, runs);
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

/** JOBS daily jobs of VMS_PER_JOB VMs, each with `runs` runs, a few created at once. */
async function createEstate(sim: SimProcess, runs: number): Promise<void> {
  const name = (i: number) => `Bench Job ${String(i).padStart(4, '0')}`;
  for (let first = 0; first < JOBS; first += 8) {
    const batch = Array.from({ length: Math.min(8, JOBS - first) }, (_, k) => first + k);
    await Promise.all(
      batch.map((i) =>
        sim.control('POST', 'jobs', {
          name: name(i),
          vms: Array.from({ length: VMS_PER_JOB }, (_, v) => `bench-${i}-vm${v}`),
          everyMinutes: 1440,
          lastRunMinutesAgo: LAST_RUN_MINUTES_AGO,
          pastRuns: runs - 1,
        }),
      ),
    );
  }
}

async function startLoop(sim: SimProcess, client: EmClient): Promise<ProtectionLoop> {
  const config = loadConfig({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    ALERT_CHANNEL: 'CBENCH',
    RPO_DEFAULT,
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
