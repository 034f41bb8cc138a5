import { buildProtectionStormView, type ProtectionStormItem } from '../views/protection-storm-view.js';
import type { ProtectionContext } from './protection-check.js';
import type { ProtectionAlert } from './protection-assess.js';
import { postProtection, PROTECTION_STORM_KEY } from './protection-deliver.js';
import { messageOf, routedOf } from './protection-messages.js';
import type { ProtectionMemory } from './protection-state.js';
import { claimableStorm, recordStorm } from './storm-claims.js';
import { postStormDetails, STORM_DETAILS_CAP, stormMention } from './storm-thread.js';

/**
 * A protection storm in one channel: one summary message (counts by kind, the mention once, `/veeam protection`),
 * the alerts' own messages in its thread, worst first and capped like a session storm's. Each alert keeps its
 * record (`<key>|<channel>`), pending with the summary and sent with it (the summary's ts), so it is recorded
 * exactly once; its episodes thread their recoveries under the summary.
 */
export async function postProtectionStorm(
  ctx: ProtectionContext,
  memory: ProtectionMemory,
  channel: string,
  alerts: ProtectionAlert[],
): Promise<void> {
  const now = ctx.now();
  const key = `${PROTECTION_STORM_KEY}${now}`;
  const worstFirst = [...alerts].sort((a, b) => severity(b) - severity(a));
  const episodes = alerts.flatMap((a) => a.episodes);
  for (const alert of alerts) {
    memory.posts[`${alert.key}|${channel}`] = {
      key: alert.key,
      channel,
      status: 'pending',
      decidedAt: now,
      episodes: alert.episodes.map((e) => e.key),
      batch: key,
    };
  }
  for (const episode of episodes) episode.inStorm = [...(episode.inStorm ?? []), channel];
  const summary = buildProtectionStormView(alerts.map(stormItem), {
    detailsShown: Math.min(alerts.length, STORM_DETAILS_CAP),
    ...withMention(ctx, alerts),
  });
  const episodeKeys = episodes.map((e) => e.key);
  // The storm is recorded in the step that records its summary sent, so a claim always finds it.
  await postProtection(
    ctx,
    memory,
    { key, channel, episodes: episodeKeys, message: claimableStorm(key, channel, summary) },
    (ts) => recordStorm(ctx.state, { batch: key, channel, ts, at: now, summary, episodes: episodeKeys }),
  );
  const ts = memory.posts[`${key}|${channel}`]?.ts;
  if (ts === undefined) return;
  const quiet = {
    protection: ctx.protection,
    watcher: { mentionFailed: undefined, mentionWarning: undefined },
  };
  await postStormDetails(
    ctx,
    channel,
    ts,
    worstFirst.map((alert) => ({ id: alert.key, render: () => Promise.resolve(messageOf(alert, quiet)) })),
  );
}

/** Failed-level alerts (missed runs, stale VMs, critical repositories) before the Warning ones. */
const severity = (alert: ProtectionAlert): number => (routedOf(alert).result === 'Failed' ? 1 : 0);

function withMention(ctx: ProtectionContext, alerts: ProtectionAlert[]): { mention?: string } {
  const mention = stormMention(
    ctx.config,
    alerts.map((a) => routedOf(a).result),
  );
  return mention ? { mention } : {};
}

function stormItem(alert: ProtectionAlert): ProtectionStormItem {
  switch (alert.kind) {
    case 'repository':
      return { kind: 'repository', name: alert.repository.name, level: alert.level };
    case 'rpo':
      return { kind: 'rpo', name: alert.job.name, vms: alert.vms.length };
    default:
      return { kind: alert.kind, name: alert.job.name };
  }
}
