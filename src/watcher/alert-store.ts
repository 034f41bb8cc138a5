import { emptyState, type WatcherState } from './state.js';

/** Where the watcher's state lives: two methods, an in-memory default and a lowdb file implementation. */
export interface AlertStore {
  /** The saved state, or a fresh one if there is none yet. Throws a StateFileError if it is unreadable. */
  load(): Promise<WatcherState>;
  /** Saves the whole state atomically. */
  save(state: WatcherState): Promise<void>;
}

/** Keeps the state in memory (tests, and runs where nothing must survive a restart). */
export function createMemoryAlertStore(
  initial: WatcherState = emptyState(),
): AlertStore & { saves(): number } {
  let saved = structuredClone(initial);
  let saves = 0;
  return {
    load: async () => structuredClone(saved),
    save: async (state) => {
      saved = structuredClone(state);
      saves += 1;
    },
    saves: () => saves,
  };
}
