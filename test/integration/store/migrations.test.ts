import { ErrorCode } from '../../../src/shared/errors.js';
import { migrate, SCHEMA_VERSION } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import { createPostgresStateStore } from '../../../src/store/postgres/postgres-state-store.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';

describe('PostgreSQL migrations', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase();
    db = openTestDb(database.url);
  });
  afterEach(async () => {
    await db.end();
    await database.drop();
  });

  const tables = async () =>
    (
      await db.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.t);

  it('from empty: applies every step once, and again is a no-op', async () => {
    expect(await migrate(db)).toEqual({
      from: 0,
      to: SCHEMA_VERSION,
      applied: Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    });
    expect(await migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
    expect(await tables()).toEqual([
      'alert_records',
      'claims',
      'job_action_audit',
      'job_action_locks',
      'lease',
      'schema_migrations',
      'state_fields',
    ]);
  });

  it('from the previous version: keeps the state and adds the new step', async () => {
    await migrate(db, { upTo: SCHEMA_VERSION - 1 });
    const store = createPostgresStateStore(db);
    const state = await store.load();
    state.lastPollAt = 77;
    await store.save(state);

    expect((await migrate(db)).applied).toEqual([SCHEMA_VERSION]);
    expect((await createPostgresStateStore(db).load()).lastPollAt).toBe(77);
    expect(await createPostgresStateStore(db).claimOnce('digest', 'C|day')).toBe(true);
  });

  it('two replicas starting together apply each step once (the advisory lock)', async () => {
    const other = openTestDb(database.url);
    const reports = await Promise.all([migrate(db), migrate(other)]);
    await other.end();
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
  });

  it('a dry run reports the steps and changes nothing', async () => {
    expect((await migrate(db, { dryRun: true })).applied).toHaveLength(SCHEMA_VERSION);
    expect(await tables()).toEqual([]);
  });

  it('refuses a database written by a newer version, naming STATE_URL', async () => {
    await migrate(db);
    await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [SCHEMA_VERSION + 1]);

    const error = await migrate(db).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.StateFile });
    expect(String(error)).toContain('STATE_URL');
    await expect(createPostgresStateStore(db).load()).rejects.toMatchObject({ code: ErrorCode.StateFile });
  });
});
