import type { StoredMessage } from '../test/helpers/fake-slack.js';
import { alertKeyOf, waitUntil, type Arrival } from './arrivals.js';
import { STORM_DETAILS_CAP } from '../src/watcher/storm.js';
import type { SimProcess } from './sim-process.js';

const SESSIONS = 1000;
const JOBS = 50;
const CREATE_CONCURRENCY = 25;
const STORM_TIMEOUT_MS = 240_000;

/** What the storm run measured. */
export interface StormFigures {
  sessions: number;
  createMs: number;
  accounted: number;
  summaries: number;
  individual: number;
  allAccountedMs: number;
  details: number;
  lastDetailMs: number;
}

/**
 * Creates 1,000 Failed sessions at once (50 jobs) while the fake enforces one post per second per channel;
 * times until every one is accounted for (by a storm summary's count or its own alert) and until the last
 * thread detail of the summaries arrived.
 */
export async function measureStorm(sim: SimProcess, arrivals: Arrival[]): Promise<StormFigures> {
  const from = arrivals.length;
  const start = Date.now();
  const uids = new Set<string>();
  for (let next = 0; next < SESSIONS; next += CREATE_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CREATE_CONCURRENCY, SESSIONS - next) }, (_, j) => next + j);
    const created = await Promise.all(batch.map((i) => sim.createSession(stormSpec(i))));
    for (const { uid } of created) uids.add(uid);
  }
  const createMs = Date.now() - start;
  const account = () => accountFor(arrivals.slice(from), uids);
  let allAt = Number.NaN;
  await waitUntil(() => {
    const state = account();
    if (state.accounted >= SESSIONS && Number.isNaN(allAt)) allAt = state.completedAt;
    return state.accounted >= SESSIONS && state.details >= state.expectedDetails;
  }, STORM_TIMEOUT_MS);
  const final = account();
  return {
    sessions: SESSIONS,
    createMs,
    accounted: final.accounted,
    summaries: final.summaries,
    individual: final.individual,
    allAccountedMs: allAt - start,
    details: final.details,
    lastDetailMs: final.lastDetailAt - start,
  };
}

function stormSpec(i: number) {
  return {
    type: 'BackupJobSession',
    jobName: `Storm Job ${String((i % JOBS) + 1).padStart(2, '0')}`,
    state: 'Stopped',
    result: 'Failed',
    tasks: [
      { vmName: `storm-vm-${i + 1}`, result: 'Failed', reason: 'Error: Disk full', state: 'Completed' },
    ],
  };
}

/** Counts what the arrivals account for, in arrival order, and when the count reached the whole storm. */
function accountFor(arrivals: Arrival[], uids: ReadonlySet<string>) {
  let accounted = 0;
  let completedAt = Number.NaN;
  const summaryTs = new Map<string, number>();
  let individual = 0;
  for (const { message, at } of arrivals) {
    const key = alertKeyOf(message);
    if (key?.startsWith('batch:')) {
      const count = summaryCount(message);
      summaryTs.set(message.ts, count);
      accounted += count;
    } else if (key !== undefined && uids.has(key)) {
      individual += 1;
      accounted += 1;
    }
    if (accounted >= uids.size && Number.isNaN(completedAt)) completedAt = at;
  }
  const details = arrivals.filter((a) => a.message.thread_ts && summaryTs.has(a.message.thread_ts));
  const expectedDetails = [...summaryTs.values()].reduce(
    (n, count) => n + Math.min(STORM_DETAILS_CAP, count),
    0,
  );
  return {
    accounted,
    completedAt,
    summaries: summaryTs.size,
    individual,
    details: details.length,
    expectedDetails,
    lastDetailAt: details.length > 0 ? Math.max(...details.map((d) => d.at)) : Number.NaN,
  };
}

/** The number of alerts a storm summary stands for, from its title (`N alerts in M minutes: ...`). */
function summaryCount(message: StoredMessage): number {
  const match = /(\d+) alerts? in/.exec(message.text);
  return match ? Number(match[1]) : 0;
}
