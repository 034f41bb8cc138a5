import type { WatcherState } from '../watcher/state.js';
import type { StateStore } from './state-store.js';

/**
 * Spends a job-action confirmation token (its one-time id) once: true to the first spend only, across restarts
 * and replicas, so a replayed confirmation does nothing however it arrives.
 */
export type SpendToken = (nonce: string, expiresAt: number, now: number) => Promise<boolean>;

/**
 * On a shared store (PostgreSQL) the store's claimOnce decides (a unique constraint between replicas); the
 * single-process stores keep the spent ids in the state's `jobActions` (saved with it, so a restart remembers
 * them) until the tokens expire.
 */
export function createTokenSpend(
  store: Pick<StateStore, 'shared' | 'claimOnce'>,
  watcher: { state(): WatcherState; persist(): Promise<void> },
): SpendToken {
  if (store.shared) return (nonce) => store.claimOnce('action-token', nonce);
  return async (nonce, expiresAt, now) => {
    const memory = (watcher.state().jobActions ??= { inProgress: {}, audit: [] });
    const spent = (memory.spentTokens ??= {});
    for (const [id, expiry] of Object.entries(spent)) if (expiry <= now) delete spent[id];
    // Checked and set before the first await: two submissions in this process cannot both pass.
    if (spent[nonce] !== undefined) return false;
    spent[nonce] = expiresAt;
    await watcher.persist();
    return true;
  };
}
