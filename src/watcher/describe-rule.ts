import type { Subscription } from './state.js';

/** A subscription's filter in one plain line: `type backup · job Nightly* · server any · failed only`. */
export function describeSubscription(s: Subscription): string {
  const parts = [
    `type ${s.type ?? 'any'}`,
    `job ${s.job ?? 'any'}`,
    `server ${s.server ?? 'any'}`,
    s.level === 'failed' ? 'failed only' : 'warning and failed',
    ...(s.exclusive ? ['exclusive'] : []),
  ];
  return parts.join(' · ');
}
