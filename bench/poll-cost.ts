import { loadConfig } from '../src/config/load-config.js';
import type { EmClient } from '../src/em/client.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { createMemoryAlertStore } from '../src/watcher/alert-store.js';
import { createWatcher, type Watcher } from '../src/watcher/watcher.js';
import { buildFailureSpecs } from './failure-specs.js';
import { naivePoll } from './naive-poll.js';
import { growthRows, measureGrowth } from './poll-growth.js';
import { createRecordingChat } from './recording-chat.js';
import type { Row, SectionResult } from './section.js';
import { simEmClient, startSimProcess, type SimProcess } from './sim-process.js';
import { cpuMsSince, median, msSince, round } from './stats.js';

const HISTORIES = [1_000, 100_000, 1_000_000];
const ROUNDS = 9;
const FAILURES = 20;

/** One poll's cost as the bot side sees it (EM counts come from the simulator's stats). */
interface PollCost {
  requests: number;
  bytes: number;
  cpuMs: number;
  wallMs: number;
  /** Problems the poll read (ours re-reads its 1 h look-back window) and how many it alerted. */
  found: number;
  posted: number;
  byRoute: Record<string, number>;
}
type Medians = Omit<PollCost, 'byRoute'> & { byRoute: Record<string, number> };

/** Section 1: the watcher's poll against 1k, 100k and 1M sessions of history, beside the naive full download. */
export async function benchPollCost(): Promise<SectionResult> {
  const byHistory: Array<{ history: number; ours: Medians; naive: Medians }> = [];
  for (const history of HISTORIES) byHistory.push({ history, ...(await measureHistory(history)) });
  const first = byHistory[0] as (typeof byHistory)[number];
  const last = byHistory[byHistory.length - 1] as (typeof byHistory)[number];
  const rows: Row[] = byHistory.flatMap(({ history, ours, naive }) => costRows(history, ours, naive));
  for (const metric of ['requests', 'bytes', 'cpuMs', 'wallMs'] as const) {
    const growth = last.ours[metric] / first.ours[metric];
    rows.push({
      measure: `ours ${metric} growth 1k -> 1M`,
      value: `x${round(growth, 2)}`,
      goal: '<= x1.20 (flat)',
      met: growth <= 1.2,
    });
  }
  const growth = await measureGrowth({
    startSim: () => startSimProcess({ history: 1_000 }),
    startWatcher,
    clientFor: (sim) => simEmClient(sim, 10_000),
  });
  rows.push(...growthRows(growth));
  return {
    id: 'poll',
    title: `Watcher poll cost (${FAILURES} new failures, median of ${ROUNDS} polls)`,
    rows,
    figures: { rounds: ROUNDS, failuresPerPoll: FAILURES, byHistory, growth },
  };
}

function costRows(history: number, ours: Medians, naive: Medians): Row[] {
  const label = history >= 1_000_000 ? `${history / 1_000_000}M` : `${history / 1000}k`;
  const cell = (metric: 'requests' | 'bytes' | 'cpuMs' | 'wallMs', digits = 0) =>
    `${round(ours[metric], digits)} vs ${round(naive[metric], digits)} (x${round(ours[metric] / naive[metric], 3)})`;
  return [
    { measure: `${label}: EM requests ours vs naive (ratio)`, value: cell('requests') },
    { measure: `${label}: bytes received ours vs naive`, value: cell('bytes') },
    { measure: `${label}: CPU ms ours vs naive`, value: cell('cpuMs', 1) },
    { measure: `${label}: wall ms ours vs naive`, value: cell('wallMs', 1) },
    {
      measure: `${label}: problems read / alerted, ours vs naive`,
      value: `${ours.found}/${ours.posted} vs ${naive.found}/${naive.found}`,
    },
  ];
}

async function measureHistory(history: number): Promise<{ ours: Medians; naive: Medians }> {
  const sim = await startSimProcess({ history });
  const ourClient = simEmClient(sim, 10_000);
  const naiveClient = simEmClient(sim, 120_000);
  try {
    const watcher = await startWatcher(sim, ourClient);
    await naiveClient.logon();
    let cursor = Date.now();
    const ours: PollCost[] = [];
    const naive: PollCost[] = [];
    // One unmeasured round first, so the alert-rendering code is compiled before it is timed.
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const spec of buildFailureSpecs(FAILURES, `Bench Poll`)) await sim.createSession(spec);
      const our = await measure(sim, async () => {
        const report = await watcher.runOnce();
        if (!report.ok) throw new Error(`watcher poll failed: ${report.error}`);
        return { found: report.found, posted: report.posted };
      });
      const polledAt = Date.now();
      const theirs = await measure(sim, async () => {
        const found = (await naivePoll(naiveClient, cursor)).length;
        return { found, posted: found };
      });
      cursor = polledAt;
      if (round > 0) {
        ours.push(our);
        naive.push(theirs);
      }
    }
    return { ours: medians(ours), naive: medians(naive) };
  } finally {
    await ourClient.close().catch(() => undefined);
    await naiveClient.close().catch(() => undefined);
    await sim.stop();
  }
}

async function startWatcher(sim: SimProcess, client: EmClient): Promise<Watcher> {
  const config = loadConfig({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    ALERT_CHANNEL: 'CBENCH',
  });
  const watcher = createWatcher({
    client,
    chat: createRecordingChat(),
    store: createMemoryAlertStore(),
    clock: systemClock,
    logger: silentLogger,
    config: config.watcher,
  });
  await watcher.start();
  const first = await watcher.runOnce();
  if (!first.ok) throw new Error(`the watcher's first poll failed: ${first.error}`);
  return watcher;
}

async function measure(
  sim: SimProcess,
  poll: () => Promise<{ found: number; posted: number }>,
): Promise<PollCost> {
  await sim.resetStats();
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  const { found, posted } = await poll();
  const cpuMs = cpuMsSince(cpu);
  const wallMs = msSince(wall);
  const stats = await sim.stats();
  const byRoute = stats.requests.byRoute;
  return { requests: stats.requests.total, bytes: stats.bytes.total, cpuMs, wallMs, found, posted, byRoute };
}

function medians(costs: PollCost[]): Medians {
  const of = (metric: Exclude<keyof PollCost, 'byRoute'>) => median(costs.map((c) => c[metric]));
  return {
    requests: of('requests'),
    bytes: of('bytes'),
    cpuMs: of('cpuMs'),
    wallMs: of('wallMs'),
    found: of('found'),
    posted: of('posted'),
    // Requests by route of the last round, to show where they go.
    byRoute: costs[costs.length - 1]?.byRoute ?? {},
  };
}
