/** Time for the pacer; real timers by default, stepped in tests. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real timers. */
export const realPacerTime: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces posts to one channel at least `intervalMs` apart. Slack allows about one message per second per
 * channel; pacing ourselves avoids the 429s, whose Retry-After the Web API client then pays twice (its wait
 * and its own backoff). Posts to different channels do not wait for each other.
 */
export function createChannelPacer(intervalMs: number, time: PacerTime = realPacerTime) {
  const nextAllowed = new Map<string, number>();
  return async function pace(channel: string): Promise<void> {
    if (intervalMs <= 0) return;
    const at = Math.max(time.now(), nextAllowed.get(channel) ?? 0);
    nextAllowed.set(channel, at + intervalMs);
    const wait = at - time.now();
    if (wait > 0) await time.sleep(wait);
  };
}
