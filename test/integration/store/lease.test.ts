import { performance } from 'node:perf_hooks';
import { ErrorCode } from '../../../src/shared/errors.js';
import type { Leadership } from '../../../src/store/leadership.js';
import { createPostgresLease } from '../../../src/store/postgres/lease.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import { createCapturingLogger } from '../../helpers/capture-logger.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';

/** Resolves on the next leadership change of `lease` to `leader`. */
function next(lease: Leadership, leader: boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = lease.onLeadership((value) => {
      if (value !== leader) return;
      off();
      resolve();
    });
  });
}

describe('the watcher lease on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  const leases: Leadership[] = [];
  const make = (holder: string, monotonic?: () => number) => {
    const lease = createPostgresLease(db, {
      holder,
      ttlMs: 900,
      logger: createCapturingLogger().logger,
      ...(monotonic ? { monotonic } : {}),
    });
    leases.push(lease);
    return lease;
  };
  beforeEach(async () => {
    database = await createTestDatabase();
    db = openTestDb(database.url);
    await migrate(db);
  });
  afterEach(async () => {
    for (const lease of leases.splice(0)) await lease.stop();
    await db.end();
    await database.drop();
  });

  it('one replica leads; a stop hands over to the other with a greater fencing token', async () => {
    const a = make('a');
    await a.start();
    const b = make('b');
    await b.start();
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    const first = a.fencing();

    const takeover = next(b, true);
    await a.stop();
    await takeover;

    expect(a.isLeader()).toBe(false);
    expect(b.fencing()).toBeGreaterThan(first ?? 0n);
    const { rows } = await db.query<{ holder: string }>("SELECT holder FROM lease WHERE name = 'watcher'");
    expect(rows[0]?.holder).toBe('b');
  });

  it('a leader whose own clock passed the TTL since its last renewal refuses to post (a pause)', async () => {
    let paused = 0;
    const a = make('a', () => performance.now() + paused);
    await a.start();
    expect(() => a.assertLeader()).not.toThrow();

    paused = 900;

    expect(() => a.assertLeader()).toThrow(expect.objectContaining({ code: ErrorCode.LeaseLost }));
    expect(a.isLeader()).toBe(false);
  });
});
