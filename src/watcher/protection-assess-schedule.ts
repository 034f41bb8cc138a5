import type { ProtectionConfig } from '../config/load-config.js';
import type { Job } from '../em/estate-types.js';
import { missedRun, scheduleWentDisabled } from '../protection/assess.js';
import type { ProtectionEvents } from './protection-assess.js';
import { closeEpisode, openAt, openEpisode } from './protection-episodes.js';
import type { ProtectionSnapshot } from './protection-read.js';
import type { ProtectionEpisode, ProtectionMemory } from './protection-state.js';

/** A missed run: one episode per missed slot, ended by a session start or by the job no longer being due. */
export function assessMissed(
  memory: ProtectionMemory,
  job: Job,
  snapshot: ProtectionSnapshot,
  ctx: { now: number; config: ProtectionConfig },
  events: ProtectionEvents,
): void {
  const key = `missed:${job.uid}`;
  const lastStartedAt = snapshot.lastStarts.get(job.uid);
  const evidence = missedRun(job.schedule, {
    now: ctx.now,
    graceMs: ctx.config.missedRunGraceMs,
    lastStartedAt,
  });
  if (!evidence) {
    const open = openAt(memory, key);
    if (open) closeEpisode(memory, key, missedEndLine(job, open, lastStartedAt, ctx), ctx.now, events);
    return;
  }
  if (openAt(memory, key)) return;
  const episode = openEpisode(memory, {
    key,
    kind: 'missed',
    name: job.name,
    jobUid: job.uid,
    ...(job.backupServerName ? { server: job.backupServerName } : {}),
    startedAt: evidence.breachedAt,
    dueAt: evidence.nextRun,
  });
  events.opened.push({
    kind: 'missed',
    key: `${key}:${evidence.nextRun}`,
    job,
    episodes: [episode],
    nextRun: evidence.nextRun,
    lastStartedAt,
  });
}

/**
 * Why a missed run is over, truly: a session started since the missed slot ("ran again"), else the job is no
 * longer due (its schedule was disabled, or its NextRun moved without a run).
 */
function missedEndLine(
  job: Job,
  episode: ProtectionEpisode,
  lastStartedAt: number | undefined,
  ctx: { config: ProtectionConfig },
): string {
  const dueAt = episode.dueAt ?? episode.startedAt - ctx.config.missedRunGraceMs;
  if (lastStartedAt !== undefined && lastStartedAt >= dueAt)
    return `${job.name} ran again (a session started at ${utc(lastStartedAt)})`;
  if (!job.schedule.configured || !job.schedule.enabled)
    return `${job.name} is no longer due: its schedule was disabled (no session started since)`;
  if (job.schedule.nextRun === undefined)
    return `${job.name} is no longer due: EM shows no next run (no session started since)`;
  return `${job.name} is no longer due: its next run moved to ${utc(job.schedule.nextRun.getTime())} (no session started since)`;
}

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A schedule that went from enabled to disabled since the last check: one notice. */
export function assessDisabled(
  memory: ProtectionMemory,
  job: Job,
  now: number,
  events: ProtectionEvents,
): void {
  const key = `disabled:${job.uid}`;
  const previous = memory.jobs[job.uid]?.enabled;
  if (job.schedule.enabled) {
    if (previous === false)
      closeEpisode(memory, key, `the schedule of ${job.name} is enabled again`, now, events);
    return;
  }
  if (!scheduleWentDisabled(previous, job.schedule.enabled) || openAt(memory, key)) return;
  const episode = openEpisode(memory, {
    key,
    kind: 'disabled',
    name: job.name,
    jobUid: job.uid,
    ...(job.backupServerName ? { server: job.backupServerName } : {}),
    startedAt: now,
  });
  events.opened.push({ kind: 'disabled', key: `${key}:${now}`, job, episodes: [episode] });
}
