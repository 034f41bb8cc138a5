import { startReplicaRig } from '../test/helpers/replica-rig.js';
import { waitUntil } from '../test/helpers/wait.js';
// @ts-expect-error a plain ES module of the test set-up, without types
import { startEmbeddedPostgres } from '../test/global/embedded-postgres.mjs';
import { measureStorePollCost, STORE_FAILURES, type StorePollCost } from './replica-poll-cost.js';
import { measurePgStateSize } from './replica-state-size.js';
import type { Row, SectionResult } from './section.js';
import { maximum, median, round } from './stats.js';

const KILLS = 10;
/** LEASE_TTL of the takeover runs, and the replicas' poll interval (WATCH_SCHEDULE every second). */
const LEASE_TTL_MS = 2000;
const POLL_MS = 1000;

/**
 * Section `replicas`: takeover time over 10 SIGKILLs of the leader of two built bots on PostgreSQL; a poll on
 * PostgreSQL against the same poll on lowdb; the database after 1,000,000 alerted sessions, pruned.
 */
export async function benchReplicas(): Promise<SectionResult> {
  const takeover = await measureTakeovers();
  const pg = (await startEmbeddedPostgres()) as { url: string; stop(): Promise<void> };
  try {
    const polls = await measureStorePollCost(pg.url);
    const size = await measurePgStateSize(pg.url);
    return {
      id: 'replicas',
      title: `Two replicas on PostgreSQL: takeover (LEASE_TTL ${LEASE_TTL_MS / 1000} s, a poll a second), poll cost by store, state size`,
      rows: [...takeoverRows(takeover), ...pollRows(polls), ...sizeRows(size)],
      figures: { leaseTtlMs: LEASE_TTL_MS, pollMs: POLL_MS, takeover, polls, size },
    };
  } finally {
    await pg.stop();
  }
}

/** Kill → the lease taken by the other replica, and kill → its first poll started and done (ms), per kill. */
interface Takeovers {
  tookMs: number[];
  pollStartedMs: number[];
  polledMs: number[];
}

async function measureTakeovers(): Promise<Takeovers> {
  const rig = await startReplicaRig(LEASE_TTL_MS);
  const tookMs: number[] = [];
  const pollStartedMs: number[] = [];
  const polledMs: number[] = [];
  try {
    await Promise.all([rig.start(), rig.start()]);
    for (let kill = 0; kill < KILLS; kill += 1) {
      await waitUntil(() => rig.leader() !== undefined, { timeoutMs: 30_000, what: 'a leader' });
      const old = rig.leader()!;
      const killedAt = Date.now();
      await old.bot.kill();
      const [taken] = await Promise.all([rig.takeover(old, killedAt), rig.start()]);
      tookMs.push(taken.tookMs);
      pollStartedMs.push(taken.pollStartedMs);
      polledMs.push(taken.polledMs);
    }
    return { tookMs, pollStartedMs, polledMs };
  } finally {
    await rig.stop();
  }
}

function takeoverRows({ tookMs, pollStartedMs, polledMs }: Takeovers): Row[] {
  const goal = LEASE_TTL_MS + POLL_MS;
  const cell = (values: number[]) => `${round(median(values), 0)} / ${round(maximum(values), 0)} ms`;
  return [
    { measure: `leader SIGKILLed -> lease taken (median / max of ${KILLS})`, value: cell(tookMs) },
    {
      measure: 'leader SIGKILLed -> first poll by the new leader started (median / max)',
      value: cell(pollStartedMs),
      goal: `<= LEASE_TTL + one poll (${goal} ms)`,
      met: maximum(pollStartedMs) <= goal,
    },
    { measure: 'leader SIGKILLed -> that first poll done (median / max)', value: cell(polledMs) },
  ];
}

function pollRows({ lowdb, postgres }: { lowdb: StorePollCost; postgres: StorePollCost }): Row[] {
  const cell = (metric: 'wallMs' | 'cpuMs') =>
    `${round(postgres[metric], 1)} vs ${round(lowdb[metric], 1)} (x${round(postgres[metric] / lowdb[metric], 2)})`;
  return [
    { measure: `poll, ${STORE_FAILURES} new failures: wall ms PostgreSQL vs lowdb`, value: cell('wallMs') },
    { measure: 'poll: bot CPU ms PostgreSQL vs lowdb', value: cell('cpuMs') },
    {
      measure: 'poll: SQL statements (PostgreSQL); store loads / saves PostgreSQL vs lowdb',
      value: `${postgres.statements}; ${postgres.loads}/${postgres.saves} vs ${lowdb.loads}/${lowdb.saves}`,
    },
  ];
}

function sizeRows(size: Awaited<ReturnType<typeof measurePgStateSize>>): Row[] {
  const kib = (bytes: number) => `${round(bytes / 1024, 0)} KiB`;
  return [
    {
      measure: `PostgreSQL tables after ${size.sessions.toLocaleString('en-US')} alerted sessions (pruned)`,
      value: `${kib(size.bytes)} (${size.alertRows} alert rows); ${kib(size.compactBytes)} after VACUUM FULL`,
      goal: 'flat: <= x1.2 of day 1',
      met: size.bytes <= (size.dailyBytes[0] ?? 0) * 1.2,
    },
    {
      measure: 'largest daily size; save median (every 10 polls, VACUUM hourly)',
      value: `${kib(Math.max(...size.dailyBytes))}; ${round(size.saveMsMedian, 1)} ms`,
    },
  ];
}
