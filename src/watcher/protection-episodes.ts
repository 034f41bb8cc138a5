import type { ProtectionEvents } from './protection-assess.js';
import type { ProtectionEpisode, ProtectionMemory } from './protection-state.js';

/** Opens an episode, announced by its own alert unless the first-start summary takes it. */
export function openEpisode(
  memory: ProtectionMemory,
  episode: Omit<ProtectionEpisode, 'messages' | 'announced'>,
): ProtectionEpisode {
  const created: ProtectionEpisode = { ...episode, announced: 'alert', messages: {} };
  memory.episodes[episode.key] = created;
  return created;
}

/** Ends an open episode; its thread gets `line`. */
export function closeEpisode(
  memory: ProtectionMemory,
  key: string,
  line: string,
  now: number,
  events: ProtectionEvents,
): void {
  const episode = memory.episodes[key];
  if (!episode || episode.recoveredAt !== undefined) return;
  episode.recoveredAt = now;
  events.recovered.push({ episode, line });
}

/** The episode at `key` while it is open. */
export const openAt = (memory: ProtectionMemory, key: string): ProtectionEpisode | undefined => {
  const episode = memory.episodes[key];
  return episode && episode.recoveredAt === undefined ? episode : undefined;
};
