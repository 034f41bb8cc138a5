/** Scenario clock options: a start time, a speed multiplier for real-time mode, or manual stepping. */
export interface ClockOptions {
  startTime?: number;
  speed?: number;
  manual?: boolean;
}

/** The scenario clock: real time times `speed` from `startTime`, or only moved by advance/set. */
export interface ScenarioClock {
  readonly startTime: number;
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
  /** Called after every advance/set (the live engine catches up). */
  onJump(listener: () => void): void;
}

/** Builds the scenario clock; `realNow` is injectable for tests. */
export function createScenarioClock(
  options: ClockOptions = {},
  realNow: () => number = Date.now,
): ScenarioClock {
  const startTime = options.startTime ?? realNow();
  const speed = options.speed ?? 1;
  const manual = options.manual ?? false;
  let base = startTime;
  let realBase = realNow();
  const listeners: (() => void)[] = [];
  const now = (): number => (manual ? base : base + (realNow() - realBase) * speed);
  const jump = (to: number): void => {
    base = to;
    realBase = realNow();
    for (const listener of listeners) listener();
  };
  return {
    startTime,
    now,
    advance: (ms) => jump(now() + ms),
    set: (ms) => jump(ms),
    onJump: (listener) => {
      listeners.push(listener);
    },
  };
}
