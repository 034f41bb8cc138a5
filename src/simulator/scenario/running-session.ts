import { Result, SessionState } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import type { Store } from '../store/store.js';

/** Adds a session of `owner` that starts now and runs (no end, no result yet); returns its store row. */
export function addRunningSession(store: Store, owner: Owner, now: number, retry: boolean): number {
  return store.add({
    kind: owner.kind,
    owner: owner.index,
    creation: now,
    end: NaN,
    state: SessionState.Working,
    result: Result.None,
    progress: 0,
    retry,
  });
}
