import { hostname } from 'node:os';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../shared/logger.js';
import { createMemoryAlertStore } from '../watcher/alert-store.js';
import { createLowdbAlertStore } from '../watcher/lowdb-alert-store.js';
import { alwaysLeader, type Leadership } from './leadership.js';
import { createPostgresLease } from './postgres/lease.js';
import { LeaseLostError } from './postgres/lease-lost-error.js';
import { migrate } from './postgres/migrations.js';
import { createDb } from './postgres/pg.js';
import { createPostgresStateStore } from './postgres/postgres-state-store.js';
import { localStateStore, type StateStore } from './state-store.js';

/** The store and who leads; `fence` is the token the watcher's writes carry (set by the composition). */
export interface OpenedState {
  store: StateStore;
  leadership: Leadership;
  /** Sets the fencing token the store's saves carry (undefined: unfenced, a follower's command). */
  setFence(token: bigint | undefined): void;
}

/** Hooks for the metrics. */
export interface StateHooks {
  onLeaseRenewal?: (outcome: 'renewed' | 'taken' | 'lost' | 'error') => void;
}

/**
 * STATE_URL set: PostgreSQL (migrated here, before anything reads it) and the watcher lease. Unset: the
 * lowdb file (or memory in the demo) and a process that always leads.
 */
export async function openStateStore(
  config: Config,
  logger: Logger,
  hooks: StateHooks = {},
): Promise<OpenedState> {
  if (!config.state) {
    const store = config.dataFile ? createLowdbAlertStore(config.dataFile) : createMemoryAlertStore();
    return { store: localStateStore(store), leadership: alwaysLeader(), setFence: () => undefined };
  }
  const { connectionString, sslMode, caFile, leaseTtlMs } = config.state;
  const db = createDb({
    url: connectionString,
    sslMode,
    caFile,
    transactionIdleTimeoutMs: Math.max(100, leaseTtlMs / 3),
  });
  const report = await migrate(db);
  if (report.applied.length > 0) logger.info(report, 'applied database migrations');
  const leadership = createPostgresLease(db, {
    holder: `${hostname()}:${process.pid}`,
    ttlMs: leaseTtlMs,
    logger: logger.child({ part: 'lease' }),
    ...(hooks.onLeaseRenewal ? { onRenewal: hooks.onLeaseRenewal } : {}),
  });
  let fence: bigint | undefined;
  const store = createPostgresStateStore(db, { fencing: () => fence });
  const save = store.save.bind(store);
  return {
    store: {
      ...store,
      load: store.load.bind(store),
      save: async (state) => {
        try {
          await save(state);
        } catch (error) {
          if (error instanceof LeaseLostError) leadership.stepDown('a fenced write was refused');
          throw error;
        }
      },
    },
    leadership,
    setFence: (token) => {
      fence = token;
    },
  };
}
