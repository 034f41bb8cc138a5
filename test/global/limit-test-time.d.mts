/** Types of limit-test-time.mjs (a plain module: the runner loads it before TypeScript is registered). */
export function limitTestTime(defaultMs: number): void;
export function timed<F extends (...args: never[]) => unknown>(
  fn: F,
  ms: number,
  what: string,
  rows?: boolean,
): F;
