import { claimShown, withClaimControls, type ClaimControls } from '../views/claim-controls.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { STORM_CLAIM } from './claim-targets.js';
import type { PollContext } from './poll-context.js';
import { anyOpen } from './protection-state.js';
import type { StormRecord, WatcherState } from './state.js';

/** The key of a storm summary's record and of its Claim button (after `storm:`): `<batch>|<channel>`. */
export const stormKey = (batch: string, channel: string): string => `${batch}|${channel}`;

/** A storm summary's Claim button and, once claimed, its claim line. */
export function stormControls(key: string, storm: Pick<StormRecord, 'claim'> | undefined): ClaimControls {
  const claim = storm?.claim;
  return {
    value: `${STORM_CLAIM}${key}`,
    ...claimShown(claim),
  };
}

/** A storm summary as posted: with its Claim button. */
export function claimableStorm(batch: string, channel: string, summary: SlackMessage): SlackMessage {
  return withClaimControls(summary, stormControls(stormKey(batch, channel), undefined));
}

/** Remembers a posted storm summary (what it showed, without its buttons) so a claim can be shown on it. */
export function recordStorm(
  state: WatcherState,
  storm: {
    batch: string;
    channel: string;
    ts: string;
    at: number;
    summary: SlackMessage;
    episodes?: string[];
  },
): void {
  state.storms ??= {};
  state.storms[stormKey(storm.batch, storm.channel)] = {
    channel: storm.channel,
    ts: storm.ts,
    at: storm.at,
    shown: { text: storm.summary.text, blocks: storm.summary.blocks },
    ...(storm.episodes ? { episodes: storm.episodes } : {}),
  };
}

/** Shows a storm summary again: with its claim, or (closed) without the claim line and the button. */
async function showStorm(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  storm: StormRecord,
  controls: ClaimControls | undefined,
): Promise<boolean> {
  const shown = { text: storm.shown.text, blocks: storm.shown.blocks ?? [] };
  try {
    await ctx.chat.update({ channel: storm.channel, ts: storm.ts, ...withClaimControls(shown, controls) });
    return true;
  } catch (error) {
    ctx.logger.warn({ channel: storm.channel, err: String(error) }, 'could not update a storm summary');
    return false;
  }
}

/** A claim changed: the summary shows it (through the clicked replica's chat). */
export function refreshStormClaim(ctx: PollContext, key: string): Promise<boolean> {
  const storm = ctx.state.storms?.[key];
  return storm ? showStorm(ctx, storm, stormControls(key, storm)) : Promise.resolve(false);
}

/** Protection episodes recovered: a protection storm whose episodes have all recovered loses its claim and button. */
export async function closeStormClaims(ctx: PollContext, recovered: Set<string>): Promise<void> {
  for (const storm of Object.values(ctx.state.storms ?? {})) {
    const keys = storm.episodes ?? [];
    if (!keys.some((k) => recovered.has(k))) continue;
    if (anyOpen(ctx.state.protection, keys)) continue;
    delete storm.claim;
    await showStorm(ctx, storm, undefined);
  }
}

/** Episodes a check renamed (a critical repository alert demoted to warning) stay named in the storms that hold them. */
export function renameStormEpisodes(state: WatcherState, renamed: ReadonlyMap<string, string>): void {
  if (renamed.size === 0) return;
  for (const storm of Object.values(state.storms ?? {}))
    if (storm.episodes) storm.episodes = storm.episodes.map((key) => renamed.get(key) ?? key);
}
