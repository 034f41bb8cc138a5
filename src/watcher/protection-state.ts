import type { RepositoryLevel } from '../protection/repository-level.js';
import type { RpoOverride } from '../protection/rpo.js';
import type { KnownBlock } from '../views/format/block-kit.js';

/** What the protection loop remembers between checks; every field lives inside the watcher state. */
export interface ProtectionMemory {
  /** When the last successful check read EM (ms). */
  lastCheckAt: number | null;
  /** Set by the first successful check: breaches that started before it are history, summarised once. */
  baselineAt?: number;
  /** Watched jobs by UID: the schedule flag seen last (for "went disabled") and their newest run times. */
  jobs: Record<string, ProtectionJobMemory>;
  /** The newest point seen per job and VM, keyed `<job uid>\n<vm, lower-cased>`. */
  vms: Record<string, ProtectionVmMemory>;
  /** Repositories by UID: the level they were last at. */
  repos: Record<string, { name: string; level: RepositoryLevel; freePercent?: number }>;
  /** Open and recently closed episodes by key. */
  episodes: Record<string, ProtectionEpisode>;
  /** Posts by `<message key>|<channel>`: pending before the post, sent after it (exactly once across crashes). */
  posts: Record<string, ProtectionPost>;
}

export interface ProtectionJobMemory {
  name: string;
  jobType: string;
  server?: string;
  enabled: boolean;
  /** Newest successful run start times seen (ms, newest first, at most ten): what the learned RPO reads. */
  runs: number[];
  /** The schedule's interval (minutes) where EM gives one: the RPO of a job too new to have learned one. */
  intervalMinutes?: number;
  /**
   * VMs the job includes (by name, lower-cased) with no restore point seen, and since when the loop knows that (at
   * the first check: the start of its read window). Absent when EM lists no VM includes for the job.
   */
  noPoint?: Record<string, { vm: string; since: number }>;
}

export interface ProtectionVmMemory {
  jobUid: string;
  vm: string;
  newestAt: number;
  kind: 'VmRestorePoint' | 'VmReplicaPoint';
}

/** missed: a job missed its run; disabled: its schedule went off; rpo: a VM went stale; repository: space. */
export type EpisodeKind = 'missed' | 'disabled' | 'rpo' | 'repository';

export interface ProtectionEpisode {
  key: string;
  kind: EpisodeKind;
  /** The job (missed, disabled, rpo) or repository name. */
  name: string;
  vm?: string;
  jobUid?: string;
  server?: string;
  /** When the breach started (ms): NextRun + grace, newest point + RPO, the check that saw the repository. */
  startedAt: number;
  /** A missed run's slot (its NextRun, ms): a session started at or after it means the job ran again. */
  dueAt?: number;
  /** summary: counted in the first-start summary; alert: alerted on its own. */
  announced: 'summary' | 'alert';
  /** The alert messages per channel (ts), for recoveries in their thread and updates in place. */
  messages: Record<string, string>;
  /** Channels where its message is a storm summary (recoveries go in its thread; it is never updated in place). */
  inStorm?: string[];
  /** The repository level the episode is at. */
  level?: RepositoryLevel;
  recoveredAt?: number;
  /** Who said "I'm on it" (the Claim button of its alert); cleared when the alert's episodes recover. */
  claim?: { by: string; name: string; at: number };
  /**
   * The first episode of an alert keeps the alert's message (without its claim controls), to show it again in
   * place when the claim changes or the alert recovers, and the keys of the other episodes it announced.
   */
  shown?: { text: string; blocks?: KnownBlock[] };
  group?: string[];
}

/** One post of the protection loop and its exactly-once record. */
export interface ProtectionPost {
  /** The metadata key of the message (what the channel history is searched for). */
  key: string;
  channel: string;
  status: 'pending' | 'sent' | 'muted' | 'failed';
  decidedAt: number;
  /** The episodes an alert opens (their messages get this post's ts). */
  episodes: string[];
  /** An alert summarised in a storm: the storm's key; its record follows the storm's post (pending, sent, failed). */
  batch?: string;
  /** A reply goes into this thread. */
  threadTs?: string;
  /** The message, kept while pending so a restart can post it again. */
  message?: { text: string; blocks?: KnownBlock[] };
  ts?: string;
}

/** An RPO override as stored, by job UID; the job's name is kept to list it. */
export interface RpoOverrideRecord extends RpoOverride {
  job: string;
}

/** A fresh memory for a loop that never ran. */
export function emptyProtectionMemory(): ProtectionMemory {
  return { lastCheckAt: null, jobs: {}, vms: {}, repos: {}, episodes: {}, posts: {} };
}

const DAY = 24 * 3_600_000;

/** Drops closed episodes and settled posts after a day, so the state stays small. */
export function pruneProtection(memory: ProtectionMemory, now: number): void {
  for (const [key, episode] of Object.entries(memory.episodes)) {
    if (episode.recoveredAt !== undefined && episode.recoveredAt < now - DAY) delete memory.episodes[key];
  }
  for (const [key, post] of Object.entries(memory.posts)) {
    if (post.status !== 'pending' && post.decidedAt < now - DAY) delete memory.posts[key];
  }
}

/** Whether any of these episodes is still open (a key no longer in memory counts as recovered). */
export function anyOpen(memory: ProtectionMemory | undefined, keys: readonly string[]): boolean {
  return keys.some((key) => {
    const episode = memory?.episodes[key];
    return episode !== undefined && episode.recoveredAt === undefined;
  });
}
