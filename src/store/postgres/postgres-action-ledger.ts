import type { ActionAuditEntry, ActionLedger, ActionLock } from '../action-ledger.js';
import type { Db } from './pg.js';

/** How long the audit table keeps an entry (the state file keeps the last AUDIT_LIMIT instead). */
export const AUDIT_RETENTION_MS = 90 * 24 * 3_600_000;

/**
 * The ledger on PostgreSQL (tables from migration 3): the in-progress mark is one row per job, taken with a
 * conditional upsert (only over an expired row or our own), so of two replicas confirming at once one wins.
 */
export function createPostgresActionLedger(db: Db): ActionLedger {
  return {
    async begin(lock, now) {
      for (;;) {
        const { rowCount } = await db.query(
          `INSERT INTO job_action_locks (job_uid, nonce, expires_at, lock) VALUES ($1, $2, $3, $4)
           ON CONFLICT (job_uid) DO UPDATE
             SET nonce = excluded.nonce, expires_at = excluded.expires_at, lock = excluded.lock
             WHERE job_action_locks.expires_at <= $5 OR job_action_locks.nonce = excluded.nonce`,
          [lock.jobUid, lock.nonce, lock.expiresAt, JSON.stringify(lock), now],
        );
        if (rowCount === 1) return undefined;
        const { rows } = await db.query<{ lock: ActionLock }>(
          'SELECT lock FROM job_action_locks WHERE job_uid = $1',
          [lock.jobUid],
        );
        // Gone between the two statements (its holder ended it): try again.
        if (rows[0]) return rows[0].lock;
      }
    },
    async end(jobUid, nonce) {
      await db.query('DELETE FROM job_action_locks WHERE job_uid = $1 AND nonce = $2', [jobUid, nonce]);
    },
    async record(entry) {
      await db.query('INSERT INTO job_action_audit (at, entry) VALUES ($1, $2)', [
        entry.at,
        JSON.stringify(entry),
      ]);
      await db.query('DELETE FROM job_action_audit WHERE at < $1', [entry.at - AUDIT_RETENTION_MS]);
    },
    async history(limit) {
      const { rows } = await db.query<{ entry: ActionAuditEntry }>(
        'SELECT entry FROM job_action_audit ORDER BY id DESC LIMIT $1',
        [limit],
      );
      return rows.map((row) => row.entry).reverse();
    },
  };
}
