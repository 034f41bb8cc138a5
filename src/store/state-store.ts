import type { AlertStore } from '../watcher/alert-store.js';
import type { ActionLedger } from './action-ledger.js';

/**
 * The watcher's store as the composition sees it: AlertStore's load and save, plus what several replicas
 * need. Implemented in memory, on the lowdb file and on PostgreSQL; test/integration/store/contract.ts is
 * the contract all three pass.
 */
export interface StateStore extends AlertStore {
  /** True when other processes write to the same state (PostgreSQL): reload it before acting on it. */
  readonly shared: boolean;
  /**
   * Records that `key` of `kind` was claimed (for example a digest: kind `digest`, key `<channel>|<day>`) and
   * answers whether this caller was first. Decided by a unique constraint where the store has one, so two
   * replicas racing get one true and one false. In memory and lowdb it holds for the life of the process.
   */
  claimOnce(kind: string, key: string): Promise<boolean>;
  /** Job actions' ledger where the store keeps it apart from the state (PostgreSQL); else it lives in the state. */
  readonly actionLedger?: ActionLedger;
  /** Whether the store answers now (the readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** claimOnce for single-process stores: a set in memory. */
export function createLocalClaims(): (kind: string, key: string) => Promise<boolean> {
  const claimed = new Set<string>();
  return async (kind, key) => {
    const id = `${kind}\u0000${key}`;
    if (claimed.has(id)) return false;
    claimed.add(id);
    return true;
  };
}

/** A single-process store (memory, lowdb) as a StateStore: never shared, claims in memory. */
export function localStateStore(store: AlertStore): StateStore {
  return {
    load: () => store.load(),
    save: (state) => store.save(state),
    shared: false,
    claimOnce: createLocalClaims(),
    ping: async () => undefined,
    close: async () => undefined,
  };
}
