import { migrate } from '../src/store/postgres/migrations.js';
import { createDb, type Db } from '../src/store/postgres/pg.js';
import { createPostgresStateStore } from '../src/store/postgres/postgres-state-store.js';
import { emptyState } from '../src/watcher/state.js';
import { createDatabaseOn } from '../test/helpers/postgres.js';
import { buildSubjects, DAYS, POLL_MS, runPurePoll, SESSIONS, START } from './state-size.js';
import { median, msSince } from './stats.js';

/**
 * The state is saved every this many polls (10 simulated minutes), not every poll as the bot does: each save
 * diffs ~2,800 records as JSON, and 43,200 of them would take the bench minutes. Pruning is the same.
 */
const SAVE_EVERY = 10;
/**
 * A plain VACUUM of the tables every simulated hour: in the bot's real time autovacuum (a look a minute, at 50 +
 * 20 % dead rows) reclaims the pruned and updated rows; the bench's 30 days pass in about two minutes, too fast for it.
 */
const VACUUM_EVERY = 60;
const POLLS_PER_DAY = 86_400_000 / POLL_MS;

/** The database after the run: bytes of our tables (pg_total_relation_size: heap, indexes, TOAST), rows. */
export interface PgStateSize {
  sessions: number;
  bytes: number;
  bytesByTable: Record<string, number>;
  /** After VACUUM FULL: the floor, the live rows only (a plain VACUUM keeps the space for reuse, not for the OS). */
  compactBytes: number;
  alertRows: number;
  dailyBytes: number[];
  saveMsMedian: number;
  saves: number;
}

/**
 * bench/state-size.ts's 1,000,000 alerted sessions over 30 days, a poll a minute, pruned as the watcher prunes,
 * saved to the PostgreSQL store (as the lowdb bench saves to the file): how big its tables get.
 */
export async function measurePgStateSize(serverUrl: string): Promise<PgStateSize> {
  const database = await createDatabaseOn(serverUrl);
  const db = createDb({ url: database.url, max: 2 });
  try {
    await migrate(db);
    const store = createPostgresStateStore(db);
    const state = emptyState();
    state.firstStartedAt = START;
    const polls = DAYS * POLLS_PER_DAY;
    const saveMs: number[] = [];
    const dailyBytes: number[] = [];
    let made = 0;
    for (let poll = 1; poll <= polls; poll += 1) {
      const now = START + poll * POLL_MS;
      const due = Math.round((SESSIONS * poll) / polls);
      runPurePoll(state, buildSubjects(made, due, now), now);
      made = due;
      if (poll % SAVE_EVERY === 0 || poll === polls) {
        const wall = process.hrtime.bigint();
        await store.save(state);
        saveMs.push(msSince(wall));
      }
      if (poll % VACUUM_EVERY === 0) await db.query('VACUUM alert_records, state_fields');
      if (poll % POLLS_PER_DAY === 0) dailyBytes.push(sum(await tableBytes(db)));
    }
    const bytesByTable = await tableBytes(db);
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM alert_records');
    await db.query('VACUUM FULL');
    return {
      sessions: made,
      bytes: sum(bytesByTable),
      bytesByTable,
      compactBytes: sum(await tableBytes(db)),
      alertRows: Number(rows[0]?.n ?? 0),
      dailyBytes,
      saveMsMedian: median(saveMs),
      saves: saveMs.length,
    };
  } finally {
    await db.end();
    await database.drop();
  }
}

async function tableBytes(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.query<{ name: string; bytes: string }>(
    `SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class
     WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname`,
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.bytes)]));
}

function sum(byTable: Record<string, number>): number {
  return Object.values(byTable).reduce((a, b) => a + b, 0);
}
