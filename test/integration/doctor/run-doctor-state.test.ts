import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDoctor } from '../../../src/doctor/run-doctor.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** `npm run doctor`'s entry point (runDoctor) with STATE_URL: the PostgreSQL checks replace the state file's. */
describe('doctor with STATE_URL', () => {
  let sim: RunningSimulator;
  let dir: string;
  /** A DATA_FILE whose folder cannot be made (a file stands in its way): its check would fail. */
  let unusableDataFile: string;
  beforeAll(async () => {
    sim = await startManualSimulator({ history: 20, tls: true });
    dir = await mkdtemp(join(tmpdir(), 'doctor-state-'));
    await writeFile(join(dir, 'blocker'), 'not a folder');
    unusableDataFile = join(dir, 'blocker', 'state.json');
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const doctor = async (env: Record<string, string>) => {
    const lines: string[] = [];
    const code = await runDoctor(
      {
        VEEAM_URL: sim.url,
        VEEAM_USERNAME: sim.user,
        VEEAM_PASSWORD: sim.password,
        VEEAM_CA_FILE: sim.caFile ?? '',
        ...env,
      },
      { write: (line) => lines.push(line), logger: silentLogger },
    );
    return { code, out: lines.join('\n') };
  };

  it('checks the database, its migrations and the lease on the test PostgreSQL, and passes', async () => {
    const database = await createTestDatabase();
    const db = openTestDb(database.url);
    try {
      await migrate(db);
      const { code, out } = await doctor({
        STATE_URL: database.url,
        DATA_FILE: unusableDataFile,
      });
      expect(out).toMatch(/^PASS {2}Database: connected \(PostgreSQL /m);
      expect(out).toMatch(/^PASS {2}Migrations: .*up to date/m);
      expect(out).toMatch(/^PASS {2}Lease: lease table writable/m);
      // The state lives in PostgreSQL: DATA_FILE is not checked (it would fail: see the last test).
      expect(out).not.toMatch(/State file/);
      expect(out).not.toMatch(/^FAIL/m);
      expect(code).toBe(0);
    } finally {
      await db.end();
      await database.drop();
    }
  });

  it('fails the database check (and skips the rest) with a URL nothing answers, exits 1, never prints the password', async () => {
    const url = `postgres://bot:pg-s3cret@127.0.0.1:${await closedPort()}/state`;
    const { code, out } = await doctor({ STATE_URL: url });
    expect(out).toMatch(/^FAIL {2}Database: /m);
    expect(out).toMatch(/^SKIP {2}Migrations: /m);
    expect(out).toMatch(/^SKIP {2}Lease: /m);
    expect(out).not.toMatch(/State file/);
    expect(out).toMatch(/^1 check failed\.$/m);
    expect(out).not.toContain('pg-s3cret');
    expect(code).toBe(1);
  });

  it('checks the state file instead when STATE_URL is unset', async () => {
    const { code, out } = await doctor({ DATA_FILE: unusableDataFile });
    expect(out).toMatch(/^FAIL {2}State file: /m);
    expect(code).toBe(1);
    expect(out).not.toMatch(/^\w+ {2}(Database|Migrations|Lease):/m);
  });
});
