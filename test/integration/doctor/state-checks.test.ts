import { createServer } from 'node:net';
import { checkState } from '../../../src/doctor/state-checks.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';

const stateConfig = (url: string) => ({
  connectionString: url,
  sslMode: undefined,
  caFile: undefined,
  leaseTtlMs: 15_000,
});
const byName = (results: { name: string; status: string; detail: string }[]) =>
  Object.fromEntries(results.map((r) => [r.name, r]));

/** The doctor's STATE_URL checks against the run's real PostgreSQL. */
describe('doctor: STATE_URL checks', () => {
  it('on an empty database: connects, dry-runs every migration and leaves the database empty', async () => {
    const database = await createTestDatabase();
    try {
      const results = byName(await checkState(stateConfig(database.url)));
      expect(results['Database']?.status).toBe('pass');
      expect(results['Migrations']).toMatchObject({ status: 'pass' });
      expect(results['Migrations']?.detail).toMatch(/version 0; the first start applies 1, 2/);
      expect(results['Lease']?.status).toBe('pass');
      const db = openTestDb(database.url);
      const { rows } = await db.query("SELECT to_regclass('schema_migrations') AS t");
      await db.end();
      expect(rows[0]?.['t']).toBeNull();
    } finally {
      await database.drop();
    }
  });

  it('on a migrated database: up to date, the lease row written and rolled back', async () => {
    const database = await createTestDatabase();
    const db = openTestDb(database.url);
    try {
      await migrate(db);
      const before = await db.query("SELECT holder, fencing, renewed_at FROM lease WHERE name = 'watcher'");
      const results = byName(await checkState(stateConfig(database.url)));
      expect(results['Migrations']?.detail).toMatch(/up to date/);
      expect(results['Lease']).toMatchObject({ status: 'pass', detail: expect.stringMatching(/writable/) });
      const after = await db.query("SELECT holder, fencing, renewed_at FROM lease WHERE name = 'watcher'");
      expect(after.rows).toEqual(before.rows);
      await db.query("DELETE FROM lease WHERE name = 'watcher'");
      const missing = byName(await checkState(stateConfig(database.url)));
      expect(missing['Lease']).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/row is missing/),
      });
    } finally {
      await db.end();
      await database.drop();
    }
  });

  it('refuses a database written by a newer bot', async () => {
    const database = await createTestDatabase();
    const db = openTestDb(database.url);
    try {
      await migrate(db);
      await db.query('INSERT INTO schema_migrations (version) VALUES (999)');
      const results = byName(await checkState(stateConfig(database.url)));
      expect(results['Migrations']).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/newer version/),
      });
      expect(results['Lease']?.status).toBe('skip');
    } finally {
      await db.end();
      await database.drop();
    }
  });

  it('fails the connection (without printing STATE_URL) when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `postgres://bot:s3cret@127.0.0.1:${port}/state`;
    const results = await checkState(stateConfig(url));
    expect(results.map((r) => r.status)).toEqual(['fail', 'skip', 'skip']);
    expect(JSON.stringify(results)).not.toContain('s3cret');
  });
});
