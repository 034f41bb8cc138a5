/**
 * Who runs the watcher (and the other scheduled jobs: protection checks, digests). Every replica answers
 * commands, clicks and Home; only the leader polls. With one process (no STATE_URL) it is always the leader.
 */
export interface Leadership {
  /** True while this replica holds the lease (and its local clock says the lease has not run out). */
  isLeader(): boolean;
  /** The fencing token of the lease this replica holds, or undefined. */
  fencing(): bigint | undefined;
  /** Calls `listener` with true on taking the lease and false on losing it; returns an unsubscribe. */
  onLeadership(listener: (leader: boolean) => void): () => void;
  /** Throws a LeaseLostError (and steps down) unless this replica is still the leader: called before each post. */
  assertLeader(): void;
  /** This replica learned it lost the lease (a fenced write failed): stop acting as leader now. */
  stepDown(reason: string): void;
  /** Starts taking and renewing the lease. */
  start(): Promise<void>;
  /** Stops, handing the lease back so another replica takes over at once. */
  stop(): Promise<void>;
}

/** The one-process leadership: always the leader, no token (the lowdb and memory stores). */
export function alwaysLeader(): Leadership {
  return {
    isLeader: () => true,
    fencing: () => undefined,
    onLeadership: (listener) => {
      listener(true);
      return () => undefined;
    },
    assertLeader: () => undefined,
    stepDown: () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
  };
}
