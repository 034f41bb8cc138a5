import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import type { EmClient } from '../src/em/client.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { createPostgresLease } from '../src/store/postgres/lease.js';
import { migrate } from '../src/store/postgres/migrations.js';
import { createDb } from '../src/store/postgres/pg.js';
import { createPostgresStateStore } from '../src/store/postgres/postgres-state-store.js';
import type { AlertStore } from '../src/watcher/alert-store.js';
import { createLowdbAlertStore } from '../src/watcher/lowdb-alert-store.js';
import { createWatcher, type Watcher } from '../src/watcher/watcher.js';
import { createDatabaseOn } from '../test/helpers/postgres.js';
import { countingDb } from './counting-db.js';
import { buildFailureSpecs } from './failure-specs.js';
import { createRecordingChat } from './recording-chat.js';
import { simEmClient, startSimProcess, type SimProcess } from './sim-process.js';
import { cpuMsSince, median, msSince } from './stats.js';

const ROUNDS = 9;
export const STORE_FAILURES = 20;
const LEASE_TTL_MS = 30_000;

/** One store's poll, medians over the rounds: wall and bot CPU ms, SQL statements, store loads and saves. */
export interface StorePollCost {
  wallMs: number;
  cpuMs: number;
  statements: number;
  loads: number;
  saves: number;
  posted: number;
}
type Sample = StorePollCost;
type Kind = 'lowdb' | 'postgres';

/**
 * The same watcher poll on the lowdb file and on PostgreSQL, in the same run against the same simulator (its own
 * process), 20 new failures a poll, the two stores polling in turn. On PostgreSQL the poll is what a leader does:
 * read the shared state again, then poll with every save fenced by the lease token.
 */
export async function measureStorePollCost(serverUrl: string): Promise<Record<Kind, StorePollCost>> {
  const sim = await startSimProcess({ history: 1_000 });
  const folder = mkdtempSync(join(tmpdir(), 'veeam-bench-replicas-'));
  const database = await createDatabaseOn(serverUrl);
  // As the bot opens it: BEGIN, SET LOCAL idle_in_transaction_session_timeout, COMMIT around each transaction.
  const db = countingDb(createDb({ url: database.url, transactionIdleTimeoutMs: LEASE_TTL_MS / 3 }), 3);
  const lease = createPostgresLease(db, { holder: 'bench', ttlMs: LEASE_TTL_MS, logger: silentLogger });
  const clients: EmClient[] = [];
  try {
    await migrate(db);
    await lease.start();
    const stores: Record<Kind, CountedStore> = {
      lowdb: counted(createLowdbAlertStore(join(folder, 'state.json'))),
      postgres: counted(createPostgresStateStore(db, { fencing: () => lease.fencing() })),
    };
    const watchers = {} as Record<Kind, Watcher>;
    for (const kind of ['lowdb', 'postgres'] as const) {
      clients.push(simEmClient(sim, 10_000));
      watchers[kind] = await startWatcher(sim, clients.at(-1)!, stores[kind]);
    }
    const samples: Record<Kind, Sample[]> = { lowdb: [], postgres: [] };
    // One unmeasured round first, so the alert code is compiled before it is timed; the order alternates.
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const spec of buildFailureSpecs(STORE_FAILURES, 'Bench Replicas')) await sim.createSession(spec);
      const order: Kind[] = round % 2 ? ['postgres', 'lowdb'] : ['lowdb', 'postgres'];
      for (const kind of order) {
        const sample = await measure(kind === 'postgres', watchers[kind], stores[kind], db.statements);
        if (round > 0) samples[kind].push(sample);
      }
    }
    return { lowdb: medians(samples.lowdb), postgres: medians(samples.postgres) };
  } finally {
    await lease.stop();
    for (const client of clients) await client.close().catch(() => undefined);
    await db.end();
    await database.drop();
    await sim.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

type CountedStore = AlertStore & { loads: number; saves: number };

function counted(store: AlertStore): CountedStore {
  const wrapped: CountedStore = {
    loads: 0,
    saves: 0,
    load: () => {
      wrapped.loads += 1;
      return store.load();
    },
    save: (state) => {
      wrapped.saves += 1;
      return store.save(state);
    },
  };
  return wrapped;
}

async function measure(
  shared: boolean,
  watcher: Watcher,
  store: CountedStore,
  statements: () => number,
): Promise<Sample> {
  const before = { statements: statements(), loads: store.loads, saves: store.saves };
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  if (shared) await watcher.reload();
  const report = await watcher.runOnce();
  const cpuMs = cpuMsSince(cpu);
  const wallMs = msSince(wall);
  if (!report.ok) throw new Error(`watcher poll failed: ${report.error}`);
  return {
    wallMs,
    cpuMs,
    statements: shared ? statements() - before.statements : 0,
    loads: store.loads - before.loads,
    saves: store.saves - before.saves,
    posted: report.posted,
  };
}

async function startWatcher(sim: SimProcess, client: EmClient, store: AlertStore): Promise<Watcher> {
  const config = loadConfig({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    ALERT_CHANNEL: 'CBENCH',
  });
  const watcher = createWatcher({
    client,
    chat: createRecordingChat(),
    store,
    clock: systemClock,
    logger: silentLogger,
    config: config.watcher,
  });
  await watcher.start();
  const first = await watcher.runOnce();
  if (!first.ok) throw new Error(`the watcher's first poll failed: ${first.error}`);
  return watcher;
}

function medians(samples: Sample[]): StorePollCost {
  const of = (metric: keyof Sample) => median(samples.map((s) => s[metric]));
  return {
    wallMs: of('wallMs'),
    cpuMs: of('cpuMs'),
    statements: of('statements'),
    loads: of('loads'),
    saves: of('saves'),
    posted: of('posted'),
  };
}
