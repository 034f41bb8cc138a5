/** How often and how patiently a failed EM request is tried again (exponential backoff with jitter). */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

/** Named policies, after the Slack web-api SDK's: a patient default, a fast one for tests, none. */
export const retryPolicies = {
  /** 4 attempts over about 4 s: rides out a 503 burst or an EM restart without stalling a command for long. */
  default: { retries: 3, minDelayMs: 500, maxDelayMs: 4000, factor: 2 },
  /** Same attempt count, millisecond delays: tests exercise retries without waiting. */
  fast: { retries: 3, minDelayMs: 1, maxDelayMs: 5, factor: 2 },
  none: { retries: 0, minDelayMs: 0, maxDelayMs: 0, factor: 1 },
} as const satisfies Record<string, RetryPolicy>;

/** The default policy's shape from another first delay (VEEAM_RETRY_DELAY): doubling, up to 8 times it. */
export function backoffFrom(minDelayMs: number): RetryPolicy {
  return { ...retryPolicies.default, minDelayMs, maxDelayMs: minDelayMs * 8 };
}
