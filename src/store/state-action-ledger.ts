import type { WatcherState } from '../watcher/state.js';
import { AUDIT_LIMIT, type ActionLedger } from './action-ledger.js';

/**
 * The ledger of the single-process stores (memory, lowdb): kept in the watcher's state (`jobActions`) and saved
 * with it. `begin` checks and sets before its first await, so two confirmations in one process cannot both win.
 */
export function createStateActionLedger(watcher: {
  state(): WatcherState;
  persist(): Promise<void>;
}): ActionLedger {
  const memory = () => (watcher.state().jobActions ??= { inProgress: {}, audit: [] });
  return {
    async begin(lock, now) {
      const { inProgress } = memory();
      const held = inProgress[lock.jobUid];
      if (held && held.expiresAt > now && held.nonce !== lock.nonce) return held;
      inProgress[lock.jobUid] = { ...lock };
      await watcher.persist();
      return undefined;
    },
    async end(jobUid, nonce) {
      const { inProgress } = memory();
      if (inProgress[jobUid]?.nonce !== nonce) return;
      delete inProgress[jobUid];
      await watcher.persist();
    },
    async record(entry) {
      const { audit } = memory();
      audit.push(entry);
      audit.splice(0, Math.max(0, audit.length - AUDIT_LIMIT));
      await watcher.persist();
    },
    async history(limit) {
      return memory().audit.slice(-limit);
    },
  };
}
