import type { JobSchedule } from '../em/estate-types.js';
import type { Rpo } from './rpo.js';

/** A job's or VM's protection state, worst first in `STATE_ORDER`. */
export type ProtectionState = 'missed' | 'stale' | 'disabled' | 'protected';

/** Worst first: what `/veeam protection` lists first. */
export const STATE_ORDER: readonly ProtectionState[] = ['missed', 'stale', 'disabled', 'protected'];

/** Why a job is missed: the slot it missed, since when (slot + grace), and its newest session's start. */
export interface MissedEvidence {
  nextRun: number;
  breachedAt: number;
  lastStartedAt: number | undefined;
}

/**
 * A missed run: the schedule is configured and enabled, `NextRun` is more than the grace in the past, and no
 * session started since it. Undefined when the job is not missed.
 */
export function missedRun(
  schedule: Pick<JobSchedule, 'configured' | 'enabled' | 'nextRun'>,
  opts: { now: number; graceMs: number; lastStartedAt: number | undefined },
): MissedEvidence | undefined {
  if (!schedule.configured || !schedule.enabled || schedule.nextRun === undefined) return undefined;
  const nextRun = schedule.nextRun.getTime();
  if (opts.now - nextRun <= opts.graceMs) return undefined;
  if (opts.lastStartedAt !== undefined && opts.lastStartedAt >= nextRun) return undefined;
  return { nextRun, breachedAt: nextRun + opts.graceMs, lastStartedAt: opts.lastStartedAt };
}

/** A schedule switched off since the last check (never at the first check: history is not news). */
export function scheduleWentDisabled(previousEnabled: boolean | undefined, enabled: boolean): boolean {
  return previousEnabled === true && !enabled;
}

/** One VM's newest point judged against its job's RPO. */
export interface VmAssessment {
  state: 'protected' | 'stale';
  /** Age of the newest point (ms); undefined when none is known. */
  ageMs: number | undefined;
  /** When the VM went stale: the newest point's time + the RPO. */
  breachedAt: number | undefined;
}

/** A VM is stale when its newest restore point (backup or replica) is older than its RPO. */
export function assessVm(newestAt: number | undefined, rpo: Rpo | undefined, now: number): VmAssessment {
  if (newestAt === undefined) return { state: 'protected', ageMs: undefined, breachedAt: undefined };
  const ageMs = Math.max(0, now - newestAt);
  if (rpo === undefined || ageMs <= rpo.ms) return { state: 'protected', ageMs, breachedAt: undefined };
  return { state: 'stale', ageMs, breachedAt: newestAt + rpo.ms };
}

/** The longest look-back of a check (its first one; later ones read less): a point older than this is never read. */
export const BOOTSTRAP_WINDOW_MS = 8 * 24 * 3_600_000;

/**
 * A VM its job includes but with no restore point seen: stale once its RPO has passed since `since` (when the loop
 * first saw it without one; at the first check, the start of the read window, since none was in it). Not judged
 * when the RPO is longer than the read window: a point older than the window but within the RPO may exist.
 */
export function assessVmWithoutPoint(since: number, rpo: Rpo | undefined, now: number): VmAssessment {
  const unjudged: VmAssessment = { state: 'protected', ageMs: undefined, breachedAt: undefined };
  if (rpo === undefined || rpo.ms > BOOTSTRAP_WINDOW_MS || now - since <= rpo.ms) return unjudged;
  return { state: 'stale', ageMs: undefined, breachedAt: since + rpo.ms };
}

/**
 * A job's state from its schedule and its VMs: missed, then disabled (the cause of its VMs going stale), then
 * stale, then protected.
 */
export function jobState(input: { missed: boolean; enabled: boolean; staleVms: number }): ProtectionState {
  if (input.missed) return 'missed';
  if (!input.enabled) return 'disabled';
  if (input.staleVms > 0) return 'stale';
  return 'protected';
}

/** Counts per state, every state present. */
export function countStates(states: Iterable<ProtectionState>): Record<ProtectionState, number> {
  const counts: Record<ProtectionState, number> = { missed: 0, stale: 0, disabled: 0, protected: 0 };
  for (const state of states) counts[state] += 1;
  return counts;
}
