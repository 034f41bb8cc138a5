import { install as installFakeTimers, type Clock } from '@sinonjs/fake-timers';
import type { Leadership } from '../../../src/store/leadership.js';
import { createPostgresLease } from '../../../src/store/postgres/lease.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import { createCapturingLogger } from '../../helpers/capture-logger.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';

const TTL_MS = 30_000;

/**
 * The lease's renewal timer on real PostgreSQL: only setTimeout is faked (the queries run for real), so the test
 * steps the timer and counts the attempts the lease reports.
 */
describe('the watcher lease renews every third of LEASE_TTL', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let lease: Leadership | undefined;
  let clock: Clock | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
    db = openTestDb(database.url);
    await migrate(db);
  });
  afterEach(async () => {
    clock?.uninstall();
    clock = undefined;
    await lease?.stop();
    await db.end();
    await database.drop();
  });

  it('takes the lease at start, then renews at TTL/3, 2·TTL/3, … and never between', async () => {
    // Only the timeouts are faked: the lease's timer (and pg's own, never reached in these steps).
    clock = installFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
    let monotonic = 0;
    const attempts: string[] = [];
    let notify: (() => void) | undefined;
    lease = createPostgresLease(db, {
      holder: 'replica-a',
      ttlMs: TTL_MS,
      logger: createCapturingLogger().logger,
      monotonic: () => monotonic,
      onRenewal: (outcome) => {
        attempts.push(outcome);
        notify?.();
      },
    });
    // An attempt is reported before the lease arms its next timer: one turn of the event loop later it has.
    const armed = () => new Promise<void>((resolve) => setImmediate(resolve));
    const nextAttempt = async (count: number) => {
      await new Promise<void>((resolve) => {
        notify = () => attempts.length >= count && resolve();
        notify();
      });
      await armed();
    };
    const step = (ms: number) => {
      monotonic += ms;
      clock?.tick(ms);
    };

    await lease.start();
    await armed();
    expect(attempts).toEqual(['taken']);
    const renewedAt = async () =>
      (await db.query<{ renewed_at: Date }>("SELECT renewed_at FROM lease WHERE name = 'watcher'")).rows[0]
        ?.renewed_at;
    const taken = await renewedAt();

    for (let n = 1; n <= 3; n += 1) {
      step(TTL_MS / 3 - 1);
      // Let any query a timer might have started come back before looking.
      await db.query('SELECT 1');
      expect(attempts).toHaveLength(n);
      step(1);
      await nextAttempt(n + 1);
      expect(attempts.at(-1)).toBe('renewed');
    }
    expect(lease.isLeader()).toBe(true);
    expect((await renewedAt())!.getTime()).toBeGreaterThan(taken!.getTime());
    // A renewal that never comes (another period) fails here within 10 s rather than at Jest's default.
  }, 10_000);
});
