import { StateFileError } from '../../shared/errors.js';
import type { Db } from './pg.js';

/**
 * The schema, one ordered step per version. Never edit a released step: add the next one. Most of the state
 * lives in `state_fields` (one JSONB value per top-level field of the watcher state, validated by the same
 * schema as the state file on load), so a field added to the state needs no step here; tables exist only
 * where a constraint must decide (one alert per session, result and channel; one digest per channel and day; one job action in
 * progress per job)
 * and for the lease.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE state_fields (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE alert_records (
        key text PRIMARY KEY,
        session_uid text NOT NULL,
        result text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        ended_at bigint NOT NULL,
        record jsonb NOT NULL,
        CONSTRAINT one_alert_per_session_result_channel UNIQUE (session_uid, result, channel)
      );
      CREATE TABLE lease (
        name text PRIMARY KEY,
        holder text,
        fencing bigint NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL DEFAULT 'epoch',
        renewed_at timestamptz
      );
      INSERT INTO lease (name) VALUES ('watcher');`,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE claims (
        kind text NOT NULL,
        key text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      );`,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE job_action_locks (
        job_uid text PRIMARY KEY,
        nonce text NOT NULL,
        expires_at bigint NOT NULL,
        lock jsonb NOT NULL
      );
      CREATE TABLE job_action_audit (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        entry jsonb NOT NULL
      );`,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any constant: the key of the transaction-level advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK = 7_316_812;

/** What migrate did (or, with dryRun, would do). */
export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Brings the schema to SCHEMA_VERSION in one transaction holding a transaction-level advisory lock (released
 * at COMMIT, so it works behind PgBouncer in transaction mode, unlike a session lock): two replicas starting
 * together apply each step once. A database written by a newer version is refused. dryRun rolls back.
 */
export async function migrate(
  db: Db,
  options: { dryRun?: boolean; upTo?: number } = {},
): Promise<MigrationReport> {
  const target = options.upTo ?? SCHEMA_VERSION;
  const rollback = new Error('dry run');
  let report: MigrationReport | undefined;
  try {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await tx.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migrations',
      );
      const from = rows[0]?.v ?? 0;
      if (from > SCHEMA_VERSION) throw newerDatabase(from);
      const steps = MIGRATIONS.filter((m) => m.version > from && m.version <= target);
      for (const step of steps) {
        await tx.query(step.sql);
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [step.version]);
      }
      report = {
        from,
        to: Math.max(from, ...steps.map((s) => s.version)),
        applied: steps.map((s) => s.version),
      };
      if (options.dryRun) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return report!;
}

function newerDatabase(version: number): StateFileError {
  return new StateFileError(
    `STATE_URL holds schema version ${version}, written by a newer version of the bot (this one knows ${SCHEMA_VERSION}). It was left untouched; upgrade the bot.`,
  );
}
