import type { Owner } from './entities.js';

/** Schedule interval of an owner in ms. */
export function periodOf(owner: Owner): number {
  return Math.max(1, owner.everyMinutes) * 60_000;
}

/** A start time the schedule passes through: the explicit anchor, else the start minute (UTC). */
function phaseOf(owner: Owner): number {
  return owner.scheduleAnchor ?? owner.startMinute * 60_000;
}

/** The newest scheduled start at or before `t`. */
export function slotAtOrBefore(owner: Owner, t: number): number {
  const period = periodOf(owner);
  const phase = phaseOf(owner);
  return phase + Math.floor((t - phase) / period) * period;
}

/** The first scheduled start strictly after `t`. */
export function slotAfter(owner: Owner, t: number): number {
  return slotAtOrBefore(owner, t) + periodOf(owner);
}

/**
 * The next scheduled run: the first slot after now, or, for an owner that stopped running
 * (`haltedAt`), the first slot after it stopped, which stays in the past; undefined when the
 * schedule is disabled or not configured.
 */
export function nextRunOf(owner: Owner, now: number): number | undefined {
  if (!owner.scheduleEnabled || !owner.scheduleConfigured) return undefined;
  return slotAfter(owner, owner.haltedAt === undefined ? now : Math.min(now, owner.haltedAt));
}

/** True when the owner runs on its schedule at `t` (enabled and not stopped). */
export function runsOnSchedule(owner: Owner, t: number): boolean {
  return (
    owner.scheduleEnabled && owner.scheduleConfigured && (owner.haltedAt === undefined || t < owner.haltedAt)
  );
}
