import type { WatchableKind } from '../config/schema.js';
import type { Job } from '../em/estate-types.js';
import type { JobSessionKind } from '../em/types.js';
import { matchGlob } from '../watcher/glob.js';

/** The watched kind a job type belongs to: replication jobs are `replica`, CDP policies `cdp`, the rest `backup`. */
export function kindOfJobType(jobType: string): WatchableKind {
  const type = jobType.toLowerCase();
  if (type.includes('cdp')) return 'cdp';
  if (type.includes('replica')) return 'replica';
  return 'backup';
}

/** The session type a job's runs are: a CDP policy's are CDP sessions, a replication job's replica sessions. */
export function sessionKindOfJob(jobType: string): JobSessionKind | 'CdpReplicaSession' {
  const kind = kindOfJobType(jobType);
  if (kind === 'cdp') return 'CdpReplicaSession';
  return kind === 'replica' ? 'ReplicaJobSession' : 'BackupJobSession';
}

/**
 * Whether the protection loop watches a job: a schedule configured (a job run by hand has no RPO to miss), its
 * kind in WATCH_TYPES and its name matching PROTECTION_JOBS (a glob; `*` is every job).
 */
export function isWatchedJob(
  job: Pick<Job, 'name' | 'jobType' | 'schedule'>,
  opts: { kinds: readonly WatchableKind[]; pattern: string },
): boolean {
  if (!job.schedule.configured) return false;
  if (!opts.kinds.includes(kindOfJobType(job.jobType))) return false;
  return matchGlob(opts.pattern, job.name);
}
