import type { createManualClock } from '../../src/shared/clock.js';

/**
 * A `sleep` that waits on a manual clock: it resolves once `advance` moved the clock past its time, so tests
 * step time instead of waiting for it.
 */
export function createSteppedSleep(clock: ReturnType<typeof createManualClock>): {
  sleep(ms: number): Promise<void>;
  /** Moves the clock on by `ms` and wakes every sleeper whose time came. */
  advance(ms: number): void;
  /** How many sleepers wait now. */
  waiting(): number;
} {
  let sleepers: { at: number; wake: () => void }[] = [];
  return {
    sleep: (ms) => new Promise((wake) => sleepers.push({ at: clock.now() + ms, wake })),
    advance(ms) {
      clock.advance(ms);
      const due = sleepers.filter((s) => s.at <= clock.now());
      sleepers = sleepers.filter((s) => s.at > clock.now());
      for (const sleeper of due) sleeper.wake();
    },
    waiting: () => sleepers.length,
  };
}
