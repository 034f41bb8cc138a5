import { AppError, ErrorCode, StateFileError } from '../../shared/errors.js';
import { emptyState, type AlertRecord, type WatcherState } from '../../watcher/state.js';
import { watcherStateSchema } from '../../watcher/state-schema.js';
import { assignInPlace } from '../merge-json.js';
import { diffState, emptySnapshot, isEmptyDiff, snapshotOf, type StateDiff } from '../state-diff.js';
import type { StateStore } from '../state-store.js';
import { LeaseLostError } from './lease-lost-error.js';
import { claimNewKeys, mergeConcurrent, pruneClaims } from './concurrent-writes.js';
import { createPostgresActionLedger } from './postgres-action-ledger.js';
import { SCHEMA_VERSION } from './migrations.js';
import type { Db, DbQuery } from './pg.js';

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /**
   * The fencing token to write with, while this process writes as the watcher's leader; undefined otherwise.
   * A save carrying a token the lease no longer holds fails with LeaseLostError and writes nothing.
   */
  fencing?: () => bigint | undefined;
}

/**
 * The state on PostgreSQL (schema from migrations.ts, applied before this is used). Each save is one
 * transaction writing only what changed since this process last read or wrote it: top-level fields as JSONB
 * rows, alert records as rows, so replicas changing different parts (a follower's /veeam subscribe, the
 * leader's poll) do not overwrite each other; a field both changed is merged three ways (merge-json.ts). A new alert record is inserted with ON CONFLICT DO NOTHING:
 * the constraint, not a read, decides that a session's result alerts once per channel.
 */
export function createPostgresStateStore(db: Db, options: PostgresStoreOptions = {}): StateStore {
  let snapshot = emptySnapshot();
  return {
    shared: true,
    actionLedger: createPostgresActionLedger(db),
    async load() {
      const state = await readState(db);
      snapshot = snapshotOf(state);
      return state;
    },
    async save(state) {
      const diff = diffState(snapshot, state);
      const token = options.fencing?.();
      if (isEmptyDiff(diff) && token === undefined) return;
      let merged: string[] = [];
      await db.transaction(async (tx) => {
        if (token !== undefined) await checkFencing(tx, token);
        await claimNewKeys(tx, snapshot, diff);
        merged = await mergeConcurrent(tx, snapshot, diff);
        await writeDiff(tx, diff);
      });
      // What another writer added is now ours too, so the next save does not take it away again.
      const fields = state as unknown as Record<string, unknown>;
      for (const name of merged) fields[name] = assignInPlace(fields[name], diff.fields[name]);
      snapshot = snapshotOf(state);
    },
    async claimOnce(kind, key) {
      const { rowCount } = await db.query(
        'INSERT INTO claims (kind, key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [kind, key],
      );
      await pruneClaims(db);
      return rowCount === 1;
    },
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.end(),
  };
}

/** The lease row still carries our token: locks it for the transaction, so a takeover waits for our commit. */
async function checkFencing(tx: DbQuery, token: bigint): Promise<void> {
  const { rowCount } = await tx.query(
    "UPDATE lease SET renewed_at = renewed_at WHERE name = 'watcher' AND fencing = $1",
    [token.toString()],
  );
  if (rowCount === 0) throw new LeaseLostError(token);
}

async function writeDiff(tx: DbQuery, diff: StateDiff): Promise<void> {
  if (Object.keys(diff.fields).length > 0)
    await tx.query(
      `INSERT INTO state_fields (key, value) SELECT e.key, e.value FROM jsonb_each($1::jsonb) e
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [JSON.stringify(diff.fields)],
    );
  if (diff.removedFields.length > 0)
    await tx.query('DELETE FROM state_fields WHERE key = ANY($1::text[])', [diff.removedFields]);
  if (diff.removedAlerts.length > 0)
    await tx.query('DELETE FROM alert_records WHERE key = ANY($1::text[])', [diff.removedAlerts]);
  if (diff.changed.length > 0)
    await tx.query(
      `UPDATE alert_records a SET status = r->>'status', ended_at = (r->>'endedAt')::bigint, record = r
       FROM jsonb_array_elements($1::jsonb) r WHERE a.key = r->>'key'`,
      [JSON.stringify(diff.changed)],
    );
  if (diff.added.length > 0) await insertAlerts(tx, diff.added);
}

/** New records; one already there is a conflict unless it is this very record (a retried commit). */
async function insertAlerts(tx: DbQuery, records: AlertRecord[]): Promise<void> {
  const { rows } = await tx.query<{ key: string }>(
    `INSERT INTO alert_records (key, session_uid, result, channel, status, ended_at, record)
     SELECT r->>'key', r->>'uid', r->>'result', r->>'channel', r->>'status', (r->>'endedAt')::bigint, r
     FROM jsonb_array_elements($1::jsonb) r ON CONFLICT DO NOTHING RETURNING key`,
    [JSON.stringify(records)],
  );
  if (rows.length === records.length) return;
  const inserted = new Set(rows.map((row) => row.key));
  const rest = records.filter((record) => !inserted.has(record.key));
  const { rows: existing } = await tx.query<{ record: AlertRecord }>(
    'SELECT record FROM alert_records WHERE key = ANY($1::text[])',
    [rest.map((record) => record.key)],
  );
  const same = new Set(
    existing
      .map((row) => JSON.stringify(row.record))
      .filter((json) => rest.some((r) => JSON.stringify(r) === json)),
  );
  const clash = rest.find((record) => !same.has(JSON.stringify(record)));
  if (clash)
    throw new AppError(
      ErrorCode.StateFile,
      `another writer already recorded the alert for session ${clash.uid} in ${clash.channel}`,
    );
}

/** The whole state: fields over a fresh state, alert records from their table, checked by the file's schema. */
async function readState(db: Db): Promise<WatcherState> {
  const { rows: versions } = await db.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  const version = versions[0]?.v ?? 0;
  if (version > SCHEMA_VERSION)
    throw new StateFileError(
      `STATE_URL holds schema version ${version}, written by a newer version of the bot (this one knows ${SCHEMA_VERSION}). It was left untouched; upgrade the bot.`,
    );
  const { rows: fields } = await db.query<{ key: string; value: unknown }>(
    'SELECT key, value FROM state_fields',
  );
  const { rows: alerts } = await db.query<{ record: AlertRecord }>('SELECT record FROM alert_records');
  const raw: Record<string, unknown> = { ...emptyState() };
  for (const { key, value } of fields) raw[key] = value;
  raw.alerts = Object.fromEntries(alerts.map(({ record }) => [record.key, record]));
  const parsed = watcherStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new StateFileError(
      `STATE_URL does not hold watcher state this bot can read (${parsed.error.issues[0]?.message ?? 'bad shape'}). It was left untouched.`,
    );
  return parsed.data;
}
