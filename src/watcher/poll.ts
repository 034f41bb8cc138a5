import type { WatcherConfig } from '../config/load-config.js';
import type { AlertSubject } from './alert-subject.js';
import { decide, type PlannedAlert } from './decide.js';
import { emSkew, measureSkew, noteSkew, SKEW_REREAD_MS } from './em-clock.js';
import { deliver } from './deliver.js';
import { announceFailovers, refreshFailoverMessages } from './failovers.js';
import { resolveHeld } from './grace.js';
import { checkRecoveries } from './incidents.js';
import { readNewsWithCursor } from './news-cursor.js';
import { noteReachable } from './outage.js';
import type { PollContext } from './poll-context.js';
import { settlePending } from './settle-pending.js';
import { pruneState, type WatcherState } from './state.js';

/** What one poll did; for logs, tests and the benchmark. */
export interface PollReport {
  ok: boolean;
  found: number;
  posted: number;
  recovered: number;
  since: number;
  error?: string;
  /** The failure's error code (ErrorCode), a bounded word for metrics. */
  errorCode?: string;
}

/**
 * One poll, step by step: settle what a crash or a refusal left pending, read what EM has that is new, decide
 * about it, release held alerts, post, close recovered incidents, follow failovers, move the cursor, save.
 * Throws what EM or Slack threw; the watcher turns that into an outage or a retry.
 */
export async function poll(
  ctx: PollContext,
  { now, since }: { now: number; since: number },
): Promise<PollReport> {
  const replanned = await settlePending(ctx);
  const { fresh, readUpTo, commit } = await readNews(ctx, since);
  await noteReachable(ctx);
  const planned = [...replanned, ...decideFresh(ctx, fresh, now), ...(await resolveHeld(ctx))];
  const posted = await deliver(ctx, planned);
  const recovered = await checkRecoveries(ctx);
  if (ctx.config.kinds.includes('failover')) await announceFailovers(ctx);
  await refreshFailoverMessages(ctx);
  moveCursor(ctx, { now, since, readUpTo });
  await ctx.save();
  commit();
  return { ok: true, found: fresh.length, posted, recovered, since };
}

/**
 * The problem sessions that ended since `since`, without history (what ended before news began). Both bounds
 * are our times, and EM's sessions carry EM's: they are moved onto EM's clock by the skew measured from its
 * answers; a skew that moved markedly since the last poll (or the first one) is read again with the new one.
 */
async function readNews(ctx: PollContext, since: number) {
  const reader = { em: ctx.em, state: ctx.state, kinds: ctx.config.kinds, now: ctx.now };
  const read = (skew: number) => readNewsWithCursor(reader, since + skew, skew);
  const assumed = emSkew(ctx.state);
  let { fetched, commit } = await read(assumed);
  const skew = measureSkew(ctx) ?? assumed;
  if (Math.abs(skew - assumed) > SKEW_REREAD_MS) ({ fetched, commit } = await read(skew));
  noteSkew(ctx, skew);
  const newsBegan = earliestNews(ctx.state, ctx.config) + skew;
  const fresh = fetched.subjects.filter((subject) => subject.endedAt >= newsBegan);
  // A capped read stopped at an EM time; the cursor is ours.
  const readUpTo = fetched.readUpTo === undefined ? undefined : fetched.readUpTo - skew;
  return { fresh, readUpTo, commit };
}

function decideFresh(ctx: PollContext, fresh: AlertSubject[], now: number): PlannedAlert[] {
  const { alertChannel, retryGraceMs } = ctx.config;
  return decide(ctx.state, fresh, { alertChannel, retryGraceMs, now });
}

/** The next window starts at this poll, or after a capped read at the last end time read; old records go. */
function moveCursor(
  ctx: PollContext,
  { now, since, readUpTo }: { now: number; since: number; readUpTo: number | undefined },
): void {
  const { lookbackMs } = ctx.config;
  ctx.state.lastPollAt = readUpTo === undefined ? now : Math.min(now, readUpTo + lookbackMs);
  // Records carry EM's end times: what the next windows can no longer reach is judged on EM's clock.
  pruneState(ctx.state, since - lookbackMs + emSkew(ctx.state), now);
}

/** Where a poll starts looking: the last poll minus the look-back (EM collects sessions late), never before news began. */
export function windowStart(state: WatcherState, now: number, config: WatcherConfig): number {
  const last = state.lastPollAt ?? now;
  return Math.max(earliestNews(state, config), Math.min(last, now) - config.lookbackMs);
}

/** Sessions that ended before this are history: the first start, minus ALERT_BACKFILL. */
export function earliestNews(state: WatcherState, config: WatcherConfig): number {
  return (state.firstStartedAt ?? 0) - config.backfillMs;
}
