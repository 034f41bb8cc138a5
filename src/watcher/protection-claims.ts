import { claimShown, withClaimControls, type ClaimControls } from '../views/claim-controls.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { PROTECTION_CLAIM } from './claim-targets.js';
import type { PollContext } from './poll-context.js';
import type { ProtectionAlert } from './protection-assess.js';
import { anyOpen, type ProtectionEpisode, type ProtectionMemory } from './protection-state.js';
import { closeStormClaims } from './storm-claims.js';

/** The Claim (and, for a job, Snooze) buttons of a protection alert, on its first episode, with its claim line. */
export function protectionControls(episode: ProtectionEpisode): ClaimControls {
  return {
    value: `${PROTECTION_CLAIM}${episode.key}`,
    ...claimShown(episode.claim),
    snooze: episode.kind !== 'repository',
  };
}

/**
 * A protection alert's own message with its claim controls; its first episode keeps the message (to show it again
 * when the claim changes or the alert recovers) and the keys of the others.
 */
export function claimableAlert(alert: ProtectionAlert, message: SlackMessage): SlackMessage {
  const [lead, ...others] = alert.episodes;
  if (!lead) return message;
  lead.shown = { text: message.text, blocks: message.blocks };
  if (others.length > 0) lead.group = others.map((e) => e.key);
  return withClaimControls(message, protectionControls(lead));
}

/** Shows the alert of an episode again in each channel it has its own message in; false when any update failed. */
async function showAgain(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  episode: ProtectionEpisode,
  controls: ClaimControls | undefined,
): Promise<boolean> {
  if (!episode.shown) return false;
  const message = withClaimControls(
    { text: episode.shown.text, blocks: episode.shown.blocks ?? [] },
    controls,
  );
  let shown = false;
  let failed = false;
  // Every channel gets its update even when one refuses (one archived channel must not freeze the others).
  for (const [channel, ts] of Object.entries(episode.messages)) {
    if (episode.inStorm?.includes(channel)) continue;
    try {
      await ctx.chat.update({ channel, ts, ...message });
      shown = true;
    } catch (error) {
      ctx.logger.warn({ channel, err: String(error) }, 'could not update a protection alert');
      failed = true;
    }
  }
  return shown && !failed;
}

/** A claim changed: the alert's messages show it (through the clicked replica's chat). */
export function refreshProtectionClaim(ctx: PollContext, key: string): Promise<boolean> {
  const episode = ctx.state.protection?.episodes[key];
  return episode ? showAgain(ctx, episode, protectionControls(episode)) : Promise.resolve(false);
}

/**
 * Episodes recovered: an alert (or a protection storm) whose episodes have all recovered loses its claim, and its
 * message its claim line and buttons (nothing is left to claim).
 */
export async function closeProtectionClaims(
  ctx: PollContext,
  memory: ProtectionMemory,
  recovered: ProtectionEpisode[],
): Promise<void> {
  const done = new Set(recovered.map((e) => e.key));
  const leads = Object.values(memory.episodes).filter(
    (e) => e.shown && [e.key, ...(e.group ?? [])].some((k) => done.has(k)),
  );
  for (const lead of leads) {
    const keys = [lead.key, ...(lead.group ?? [])];
    if (anyOpen(memory, keys)) continue;
    delete lead.claim;
    await showAgain(ctx, lead, undefined);
    delete lead.shown;
  }
  await closeStormClaims(ctx, done);
}
