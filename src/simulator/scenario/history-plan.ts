import { Kind } from '../model/enums.js';
import type { Owner } from '../model/entities.js';

const DAY = 86_400_000;
/** The scenario job whose newest runs all failed (its VMs' newest restore points are stale). */
export const FAILING_JOB = 'Backup Job 3';
/** How long the failing job has been failing. */
export const FAILING_FOR_MS = 3.2 * DAY;

/** How often an owner ran in history: its schedule, every 2 days for (unscheduled) failover plans. */
export function historyPeriod(o: Owner): number {
  return (o.kind === Kind.Failover ? 2880 : Math.max(1, o.everyMinutes)) * 60_000;
}

/** The phase of an owner's history slots (its schedule anchor or start minute). */
function phase(o: Owner): number {
  return o.scheduleAnchor ?? o.startMinute * 60_000;
}

/** The first history slot of an owner at or after `t`. */
export function firstSlotFrom(o: Owner, t: number): number {
  const p = historyPeriod(o);
  return phase(o) + Math.ceil((t - phase(o)) / p) * p;
}

/**
 * When an owner's history stops: when it halted, some days before the anchor for jobs whose
 * schedule is disabled (disabled by hand then), else the anchor.
 */
export function historyStop(o: Owner, anchor: number): number {
  if (o.haltedAt !== undefined) return o.haltedAt;
  if (o.type === 'Job' && !o.scheduleEnabled) return anchor - (2 + (o.index % 5)) * DAY;
  return anchor;
}

/** Slots of one owner in [from, stop). */
function slotsBetween(o: Owner, from: number, stop: number): number {
  const first = firstSlotFrom(o, from);
  return first >= stop ? 0 : Math.floor((stop - 1 - first) / historyPeriod(o)) + 1;
}

/**
 * The start of history: the latest time from which the owners' slots up to their stop times number at
 * least `wanted` (binary search; the slot count only grows as the start moves back).
 */
export function historyStart(owners: Owner[], anchor: number, wanted: number): number {
  const total = (from: number): number =>
    owners.reduce((n, o) => n + slotsBetween(o, from, historyStop(o, anchor) - 60_000), 0);
  let lo = anchor - (wanted + 2) * DAY;
  let hi = anchor;
  if (total(lo) < wanted) return lo;
  for (let i = 0; i < 64 && hi - lo > 1000; i++) {
    const mid = Math.floor((lo + hi) / 2);
    if (total(mid) >= wanted) lo = mid;
    else hi = mid;
  }
  return lo;
}
