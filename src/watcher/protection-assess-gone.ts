import type { ProtectionEvents } from './protection-assess.js';
import { closeEpisode } from './protection-episodes.js';
import type { ProtectionSnapshot } from './protection-read.js';
import type { ProtectionMemory } from './protection-state.js';

/**
 * Closes the open alerts of jobs and repositories the check no longer lists: a job deleted in EM or no longer
 * matched by PROTECTION_JOBS / WATCH_TYPES, a repository removed. Nothing else would ever close them, since a check
 * judges only what it lists. What the loop learned of a job (its runs, its VMs' newest points) is kept, so a job
 * that comes back is judged on it at once. A listing that cannot show absence closes nothing (`listedAll`): one
 * with no job at all (watched or not) or no repository, more likely a fault of the moment than an estate emptied,
 * and one cut at its limit, past which EM may still hold what was not read.
 */
export function assessGone(
  memory: ProtectionMemory,
  snapshot: Pick<ProtectionSnapshot, 'jobs' | 'listedAll' | 'repositories'>,
  now: number,
  events: ProtectionEvents,
): void {
  const jobs = new Set(snapshot.jobs.map((job) => job.uid));
  const repositories = new Set(snapshot.repositories.map((repository) => repository.uid));
  for (const episode of Object.values(memory.episodes)) {
    if (episode.recoveredAt !== undefined) continue;
    if (episode.kind === 'repository') {
      const uid = repositoryUidOf(episode.key);
      if (!snapshot.listedAll.repositories || uid === undefined || repositories.has(uid)) continue;
      const line = `${episode.name} is no longer listed by Enterprise Manager (the repository was removed)`;
      closeEpisode(memory, episode.key, line, now, events);
      delete memory.repos[uid];
    } else if (snapshot.listedAll.jobs && episode.jobUid !== undefined && !jobs.has(episode.jobUid)) {
      const line = `${episode.name} is no longer watched: deleted in Enterprise Manager, or no longer matched by PROTECTION_JOBS or WATCH_TYPES`;
      closeEpisode(memory, episode.key, line, now, events);
    }
  }
}

/** `repository:<uid>:<level>` → `<uid>` (a repository UID holds colons itself: `urn:veeam:Repository:…`). */
function repositoryUidOf(key: string): string | undefined {
  const match = /^repository:(.+):(warning|critical)$/.exec(key);
  return match?.[1];
}
