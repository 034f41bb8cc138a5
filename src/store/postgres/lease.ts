import { performance } from 'node:perf_hooks';
import type { Logger } from '../../shared/logger.js';
import type { Leadership } from '../leadership.js';
import { LeaseLostError } from './lease-lost-error.js';
import type { Db } from './pg.js';

/** Options of the watcher lease. */
export interface LeaseOptions {
  /** This replica's name in the lease row (host and pid, say). */
  holder: string;
  /** LEASE_TTL (ms): a holder that does not renew for this long loses the lease; renewed every third of it. */
  ttlMs: number;
  logger: Logger;
  /** A monotonic clock (ms): a paused process sees the pause when it wakes, whatever the wall clock did. */
  monotonic?: () => number;
  /** Called after each renewal or take, with its outcome (for the metrics). */
  onRenewal?: (outcome: 'renewed' | 'taken' | 'lost' | 'error') => void;
}

const TAKE = `UPDATE lease SET holder = $1, fencing = fencing + 1, renewed_at = now(),
  expires_at = now() + $2 * interval '1 millisecond' WHERE name = 'watcher' AND expires_at <= now() RETURNING fencing`;
const RENEW = `UPDATE lease SET renewed_at = now(), expires_at = now() + $3 * interval '1 millisecond'
  WHERE name = 'watcher' AND holder = $1 AND fencing = $2 RETURNING fencing`;
const RELEASE = `UPDATE lease SET expires_at = now() WHERE name = 'watcher' AND holder = $1 AND fencing = $2`;

/**
 * The watcher lease: one row taken with a conditional UPDATE once it has expired (on the database's clock),
 * each new holder raising the fencing token. Not a session advisory lock: those break behind PgBouncer.
 * Locally, leadership ends a TTL after the last renewal was sent, so a replica paused past the TTL knows it
 * may no longer be leader before it asks the database.
 */
export function createPostgresLease(db: Db, options: LeaseOptions): Leadership {
  const now = options.monotonic ?? (() => performance.now());
  const listeners = new Set<(leader: boolean) => void>();
  let token: bigint | undefined;
  let validUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const leader = () => token !== undefined && now() < validUntil;
  const emit = (value: boolean) => listeners.forEach((listener) => listener(value));
  const lose = (reason: string) => {
    if (token === undefined) return;
    options.logger.warn(
      { fencing: token.toString(), reason },
      'lost the watcher lease; this replica steps down',
    );
    token = undefined;
    emit(false);
  };
  const tick = async () => {
    const sentAt = now();
    if (token !== undefined && sentAt >= validUntil) lose('the lease ran out before it was renewed');
    try {
      const held = token;
      const { rows } = held
        ? await db.query<{ fencing: string }>(RENEW, [options.holder, held.toString(), options.ttlMs])
        : await db.query<{ fencing: string }>(TAKE, [options.holder, options.ttlMs]);
      const row = rows[0];
      if (!row) {
        if (held !== undefined) options.onRenewal?.('lost');
        return lose('another replica holds the lease');
      }
      validUntil = sentAt + options.ttlMs;
      options.onRenewal?.(held ? 'renewed' : 'taken');
      if (!held) {
        token = BigInt(row.fencing);
        options.logger.info(
          { fencing: row.fencing },
          'took the watcher lease; this replica runs the watcher',
        );
        emit(true);
      }
    } catch (error) {
      options.onRenewal?.('error');
      options.logger.warn({ err: String(error) }, 'could not reach the database to renew the watcher lease');
    }
  };
  const loop = async () => {
    await tick();
    if (!stopped) timer = setTimeout(() => void loop(), Math.max(1, Math.floor(options.ttlMs / 3)));
  };
  return {
    isLeader: leader,
    fencing: () => (leader() ? token : undefined),
    onLeadership: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    assertLeader() {
      if (leader()) return;
      const lost = token ?? -1n;
      lose('the lease ran out');
      throw new LeaseLostError(lost);
    },
    stepDown: lose,
    start: () => loop(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const held = token;
      if (held === undefined) return;
      lose('stopping');
      await db.query(RELEASE, [options.holder, held.toString()]).catch((error: unknown) => {
        options.logger.warn({ err: String(error) }, 'could not hand the watcher lease back');
      });
    },
  };
}
