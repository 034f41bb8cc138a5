import type { StateConfig } from '../config/load-config.js';
import { isAppError } from '../shared/errors.js';
import { migrate, type MigrationReport } from '../store/postgres/migrations.js';
import { createDb, type Db } from '../store/postgres/pg.js';
import { fail, pass, skip, type CheckResult } from './check.js';

/** How long the doctor waits for a connection or the lease row before calling it a failure. */
const TIMEOUT_MS = 5_000;

/** Rolls a check's transaction back: nothing the doctor does stays in the database. */
const ROLLBACK = new Error('doctor rollback');

/**
 * STATE_URL set: the database answers, the migrations would apply (run and rolled back), and the lease row
 * can be written (an update rolled back). A step that cannot run after a failure is skipped.
 */
export async function checkState(state: StateConfig): Promise<CheckResult[]> {
  const db = createDb({
    url: state.connectionString,
    sslMode: state.sslMode,
    caFile: state.caFile,
    max: 1,
    connectTimeoutMs: TIMEOUT_MS,
  });
  try {
    const connected = await checkConnect(db);
    if (connected.status === 'fail') {
      return [connected, skip('Migrations', 'no connection'), skip('Lease', 'no connection')];
    }
    const report = await migrate(db, { dryRun: true }).catch((error: unknown) => error);
    if (!isReport(report)) {
      const fix = 'upgrade the bot, or grant the role CREATE on the database (see "Running two replicas")';
      return [connected, fail('Migrations', reasonOf(report), fix), skip('Lease', 'no schema')];
    }
    const migrations = pass(
      'Migrations',
      report.applied.length === 0
        ? `schema at version ${report.from}, up to date`
        : `schema at version ${report.from}; the first start applies ${report.applied.join(', ')} (dry run rolled back)`,
    );
    if (report.from === 0)
      return [connected, migrations, pass('Lease', 'its table is created on the first start')];
    return [connected, migrations, await checkLease(db)];
  } finally {
    await db.end().catch(() => undefined); // the checks are done; a failed close changes no result
  }
}

async function checkConnect(db: Db): Promise<CheckResult> {
  try {
    const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
    return pass('Database', `connected (PostgreSQL ${rows[0]?.server_version ?? 'unknown'})`);
  } catch (error) {
    return fail(
      'Database',
      `cannot connect: ${reasonOf(error)}`,
      'check STATE_URL, PGSSLMODE and STATE_CA_FILE',
    );
  }
}

/** Writes the lease row inside a transaction that is rolled back: the leader's lease is left as it was. */
async function checkLease(db: Db): Promise<CheckResult> {
  try {
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = ${TIMEOUT_MS}`);
      const { rowCount } = await tx.query("UPDATE lease SET renewed_at = renewed_at WHERE name = 'watcher'");
      if (rowCount !== 1) throw new Error('the watcher lease row is missing');
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) {
      return fail(
        'Lease',
        `lease table not writable: ${reasonOf(error)}`,
        'grant the role UPDATE on the lease table',
      );
    }
  }
  return pass('Lease', 'lease table writable (update rolled back)');
}

function isReport(value: unknown): value is MigrationReport {
  return typeof value === 'object' && value !== null && 'applied' in value;
}

/** The error's message without the connection string (pg does not echo it, but a URL must never be printed). */
function reasonOf(error: unknown): string {
  const message = isAppError(error) ? error.message : error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, 'STATE_URL');
}
