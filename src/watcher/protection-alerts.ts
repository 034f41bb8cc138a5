import type { ProtectionContext } from './protection-check.js';
import type { ProtectionAlert } from './protection-assess.js';
import { claimableAlert } from './protection-claims.js';
import { postProtection } from './protection-deliver.js';
import { messageOf, routedOf } from './protection-messages.js';
import type { ProtectionMemory } from './protection-state.js';
import { postProtectionStorm } from './protection-storm.js';
import { activeMute, channelsFor } from './routing.js';
import { isStorm } from './storm-thread.js';

/**
 * Delivers the alerts a check opened: routed like session alerts (subscriptions, ALERT_CHANNEL, broken
 * channels), muted ones recorded as muted, then per channel one message each, or (with `storms`) one storm
 * summary when the channel gets more than STORM_THRESHOLD at once.
 */
export async function deliverProtectionAlerts(
  ctx: ProtectionContext,
  memory: ProtectionMemory,
  alerts: ProtectionAlert[],
  opts: { storms: boolean },
): Promise<void> {
  const byChannel = new Map<string, ProtectionAlert[]>();
  const now = ctx.now();
  for (const alert of alerts) {
    const routed = routedOf(alert);
    const muted = activeMute(routed, ctx.state.mutes, now) !== undefined;
    for (const channel of channelsFor(
      routed,
      ctx.state.subscriptions,
      ctx.config.alertChannel,
      ctx.state.brokenChannels,
    )) {
      if (muted) recordMuted(memory, alert, channel, now);
      else byChannel.set(channel, [...(byChannel.get(channel) ?? []), alert]);
    }
  }
  for (const [channel, ofChannel] of byChannel) {
    if (opts.storms && isStorm(ofChannel.length, ctx.config)) {
      await postProtectionStorm(ctx, memory, channel, ofChannel);
      continue;
    }
    for (const alert of ofChannel) {
      await postProtection(ctx, memory, {
        key: alert.key,
        channel,
        episodes: alert.episodes.map((e) => e.key),
        message: claimableAlert(alert, messageOf(alert, { protection: ctx.protection, watcher: ctx.config })),
      });
    }
  }
}

function recordMuted(memory: ProtectionMemory, alert: ProtectionAlert, channel: string, now: number): void {
  memory.posts[`${alert.key}|${channel}`] = {
    key: alert.key,
    channel,
    status: 'muted',
    decidedAt: now,
    episodes: alert.episodes.map((e) => e.key),
  };
}
