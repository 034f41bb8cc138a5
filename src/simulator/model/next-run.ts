import type { Owner } from './entities.js';

/** The next scheduled run of an owner: on the hour, staggered per owner; undefined when unscheduled. */
export function nextRunOf(owner: Owner, now: number): number | undefined {
  if (!owner.scheduleEnabled) return undefined;
  return Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000 * (owner.index % 12);
}
