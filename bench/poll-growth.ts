import type { EmClient } from '../src/em/client.js';
import { MIN_OVERLAP_MS } from '../src/watcher/news-cursor.js';
import type { Watcher } from '../src/watcher/watcher.js';
import { buildFailureSpecs } from './failure-specs.js';
import type { Row } from './section.js';
import type { SimProcess } from './sim-process.js';
import { median, round } from './stats.js';

/** Problems already in the look-back when the measured polls run. */
export const OLD_PROBLEMS = [0, 100, 1_000, 5_000];
const ROUNDS = 5;
const FAILURES = 20;

/** Median requests and bytes of one poll with `old` problems already alerted inside its look-back. */
export interface GrowthPoint {
  old: number;
  requests: number;
  bytes: number;
}

/** What the growth measure needs from the poll-cost section: a simulator, and a started watcher on it. */
export interface GrowthRig {
  startSim(): Promise<SimProcess>;
  startWatcher(sim: SimProcess, client: EmClient): Promise<Watcher>;
  clientFor(sim: SimProcess): EmClient;
}

/** Polls with 0..5,000 old problems in the look-back, 20 new failures each. */
export async function measureGrowth(rig: GrowthRig): Promise<GrowthPoint[]> {
  const points: GrowthPoint[] = [];
  for (const old of OLD_PROBLEMS) points.push(await measureWithOld(rig, old));
  return points;
}

async function measureWithOld(rig: GrowthRig, old: number): Promise<GrowthPoint> {
  const sim = await rig.startSim();
  const client = rig.clientFor(sim);
  try {
    const watcher = await rig.startWatcher(sim, client);
    for (let i = 0; i < old; i += 1) {
      await sim.createSession({
        type: 'BackupJobSession',
        jobName: `Bench Old ${i % 50}`,
        state: 'Stopped',
        result: 'Warning',
      });
    }
    // Alerted (or folded into a storm) before the measured polls; from then on they are old.
    await watcher.runOnce();
    // Old problems in a real look-back ended polls ago, before the part each poll re-reads: wait that out once.
    await new Promise((resolve) => setTimeout(resolve, MIN_OVERLAP_MS + 1000));
    await watcher.runOnce();
    const requests: number[] = [];
    const bytes: number[] = [];
    for (let r = 0; r <= ROUNDS; r += 1) {
      for (const spec of buildFailureSpecs(FAILURES, `Bench Growth ${r}`)) await sim.createSession(spec);
      await sim.resetStats();
      const report = await watcher.runOnce();
      if (!report.ok) throw new Error(`watcher poll failed: ${report.error}`);
      const stats = await sim.stats();
      if (r === 0) continue;
      requests.push(stats.requests.total);
      bytes.push(stats.bytes.total);
    }
    return { old, requests: median(requests), bytes: median(bytes) };
  } finally {
    await client.close().catch(() => undefined);
    await sim.stop();
  }
}

/** One row per old-problem count: requests and bytes, each as a ratio of the poll with none old (the floor). */
export function growthRows(points: GrowthPoint[]): Row[] {
  const floor = points[0];
  if (!floor) return [];
  return points.map((point) => {
    const requests = point.requests / floor.requests;
    const bytes = point.bytes / floor.bytes;
    return {
      measure: `${point.old} old problems in the look-back: requests, KB (x the 0-old poll)`,
      value: `${point.requests} (x${round(requests, 2)}), ${round(point.bytes / 1024, 1)} KB (x${round(bytes, 2)})`,
      goal: '<= x2',
      met: requests <= 2 && bytes <= 2,
    };
  });
}
