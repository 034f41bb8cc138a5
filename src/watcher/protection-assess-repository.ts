import type { ProtectionConfig } from '../config/load-config.js';
import type { Repository } from '../em/estate-types.js';
import { isWorse, REPO_HYSTERESIS_PERCENT, repositoryLevel } from '../protection/repository-level.js';
import type { ProtectionEvents } from './protection-assess.js';
import { closeEpisode, openAt, openEpisode } from './protection-episodes.js';
import type { ProtectionEpisode, ProtectionMemory } from './protection-state.js';

/**
 * A repository's free space against REPO_WARN_PERCENT and REPO_CRIT_PERCENT: one alert per level crossed (both at
 * once: one, at the worse level), updated in place, recovery above the warning level with the hysteresis.
 */
export function assessRepository(
  memory: ProtectionMemory,
  repository: Repository,
  ctx: { now: number; config: ProtectionConfig },
  events: ProtectionEvents,
): void {
  const known = memory.repos[repository.uid];
  const previous = known?.level ?? 'ok';
  const level = repositoryLevel(repository.freePercent, previous, {
    warnPercent: ctx.config.repoWarnPercent,
    critPercent: ctx.config.repoCritPercent,
    hysteresisPercent: REPO_HYSTERESIS_PERCENT,
  });
  memory.repos[repository.uid] = {
    name: repository.name,
    level,
    ...(repository.freePercent !== undefined ? { freePercent: repository.freePercent } : {}),
  };
  const base = `repository:${repository.uid}`;
  const back = (percent: number) => `${repository.name} is back above ${percent} % free`;
  const critical = openAt(memory, `${base}:critical`);
  if (level === 'ok') {
    closeEpisode(memory, `${base}:warning`, back(ctx.config.repoWarnPercent), ctx.now, events);
    closeEpisode(memory, `${base}:critical`, back(ctx.config.repoWarnPercent), ctx.now, events);
    return;
  }
  if (level === 'warning' && critical && !openAt(memory, `${base}:warning`)) {
    // Fell through both lines at once (one alert, at the worse level): rising between the lines turns that
    // alert into the warning one, updated in place; it recovers above the warning line, like any warning.
    events.renamed.set(critical.key, `${base}:warning`);
    demote(memory, critical, `${base}:warning`);
    events.changed.push({ episode: critical, repository });
    return;
  }
  if (level === 'warning')
    closeEpisode(memory, `${base}:critical`, back(ctx.config.repoCritPercent), ctx.now, events);
  const key = `${base}:${level}`;
  const open = openAt(memory, key);
  if (open) {
    if (known?.freePercent !== repository.freePercent) events.changed.push({ episode: open, repository });
    return;
  }
  if (level === 'warning' && isWorse(previous, 'warning')) return;
  const episode = openEpisode(memory, {
    key,
    kind: 'repository',
    name: repository.name,
    ...(repository.backupServerName ? { server: repository.backupServerName } : {}),
    startedAt: ctx.now,
    level,
  });
  events.opened.push({
    kind: 'repository',
    key: `${key}:${ctx.now}`,
    repository,
    episodes: [episode],
    level,
  });
}

/** A critical repository episode becomes the warning one: its key, its level, and the posts that name it. */
function demote(memory: ProtectionMemory, episode: ProtectionEpisode, key: string): void {
  const old = episode.key;
  delete memory.episodes[old];
  Object.assign(episode, { key, level: 'warning' });
  memory.episodes[key] = episode;
  for (const post of Object.values(memory.posts))
    post.episodes = post.episodes.map((k) => (k === old ? key : k));
}
