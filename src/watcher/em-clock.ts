import type { PollContext } from './poll-context.js';
import type { WatcherState } from './state.js';

/** The `Date` header has one-second resolution and the answer takes time: a smaller difference is noise. */
export const SKEW_NOISE_MS = 2_000;
/** A skew that moved more than this since the last poll is read again with the new one in the same poll. */
export const SKEW_REREAD_MS = 60_000;

/** EM's clock minus ours (ms), as last measured; 0 until measured. Session times are on EM's clock. */
export function emSkew(state: WatcherState): number {
  return state.emSkewMs ?? 0;
}

/**
 * EM's clock minus ours now, from the `Date` of EM's latest answer (docs/em-protocol.md, "The server's
 * clock"); undefined before EM has answered. Call right after an EM request, so the two readings are close.
 */
export function measureSkew(ctx: Pick<PollContext, 'em' | 'now'>): number | undefined {
  const serverDate = ctx.em.lastServerDate();
  if (serverDate === undefined) return undefined;
  const skew = serverDate - ctx.now();
  return Math.abs(skew) < SKEW_NOISE_MS ? 0 : skew;
}

/** Keeps the measured skew in the state (none when the clocks agree) and logs when it changes markedly. */
export function noteSkew(ctx: Pick<PollContext, 'state' | 'logger'>, skew: number): void {
  const before = emSkew(ctx.state);
  if (Math.abs(skew - before) > SKEW_REREAD_MS) {
    ctx.logger.warn(
      { skewMinutes: Math.round(skew / 60_000) },
      skew === 0
        ? 'Enterprise Manager’s clock agrees with ours again'
        : `Enterprise Manager’s clock is ${describe(skew)} ours; reading its sessions on its time`,
    );
  }
  if (skew === 0) delete ctx.state.emSkewMs;
  else ctx.state.emSkewMs = skew;
}

function describe(skew: number): string {
  const minutes = Math.round(Math.abs(skew) / 60_000);
  return `${minutes} min ${skew < 0 ? 'behind' : 'ahead of'}`;
}
