import type { CommandDeps } from '../../../../src/commands/types.js';
import type { EmClient } from '../../../../src/em/client.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { silentLogger } from '../../../../src/shared/logger.js';
import type { WatcherPort } from '../../../../src/commands/watcher-port.js';
import { emptyState, type WatcherState } from '../../../../src/watcher/state.js';

/** An in-memory watcher port: the state the handlers change and how many times they saved it. */
export function createFakeWatcher(): WatcherPort & { saved: () => number; current: WatcherState } {
  const state = emptyState();
  let saves = 0;
  return {
    current: state,
    state: () => state,
    persist: async () => {
      saves += 1;
    },
    saved: () => saves,
  };
}

/** Command deps for handlers that never reach EM: the client and catalog fail the test if touched. */
export function offlineDeps(watcher?: WatcherPort, now = 0): CommandDeps {
  const fail = (): never => {
    throw new Error('EM was asked');
  };
  return {
    client: new Proxy({} as EmClient, { get: fail }),
    catalog: { entries: fail, find: fail, byRef: fail, suggest: fail },
    clock: createManualClock(now),
    logger: silentLogger,
    ...(watcher ? { watcher } : {}),
  };
}
