import { alertKeyOf, waitUntil, type Arrival } from './arrivals.js';
import type { SimProcess } from './sim-process.js';
import { maximum, percentile } from './stats.js';

const SESSIONS = 100;
const SPREAD_MS = 30_000;
const DRAIN_TIMEOUT_MS = 60_000;

/** Alert latency figures over one spread-out run. */
export interface LatencyFigures {
  sessions: number;
  delivered: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
}

/**
 * Creates 100 Failed sessions (distinct jobs, backup and replica) spread over ~30 s; the latency of each is
 * from just before the control API call to the fake Slack storing a message whose metadata key is its UID.
 */
export async function measureAlertLatency(sim: SimProcess, arrivals: Arrival[]): Promise<LatencyFigures> {
  const createdAt = new Map<string, number>();
  const start = Date.now();
  for (let i = 0; i < SESSIONS; i += 1) {
    const due = start + (i * SPREAD_MS) / SESSIONS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const at = Date.now();
    const { uid } = await sim.createSession({
      type: i % 2 === 0 ? 'BackupJobSession' : 'ReplicaJobSession',
      jobName: `Latency Job ${String(i + 1).padStart(3, '0')}`,
      state: 'Stopped',
      result: 'Failed',
      tasks: [
        { vmName: `latency-vm-${i + 1}`, result: 'Failed', reason: 'Error: Disk full', state: 'Completed' },
      ],
    });
    createdAt.set(uid, at);
  }
  const latencies = new Map<string, number>();
  const collect = () => {
    for (const { message, at } of arrivals) {
      const key = alertKeyOf(message);
      const created = key === undefined ? undefined : createdAt.get(key);
      if (created !== undefined && !latencies.has(key as string)) latencies.set(key as string, at - created);
    }
    return latencies.size >= createdAt.size;
  };
  await waitUntil(collect, DRAIN_TIMEOUT_MS);
  const values = [...latencies.values()];
  return {
    sessions: SESSIONS,
    delivered: values.length,
    p50Ms: percentile(values, 50),
    p90Ms: percentile(values, 90),
    maxMs: maximum(values),
  };
}
