import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { actions, button, context } from './blocks.js';
import { finishView } from './finish-view.js';
import { claimText } from './incident-controls.js';
import { ActionId } from './ids.js';

/** The block ids the claim controls use, so a message can be shown again with another claim. */
const CLAIM_BLOCKS = new Set(['claim', 'claim_controls']);

/**
 * What a claimable message that is not an incident's (a protection alert, a failover, a storm summary) offers:
 * the value of its buttons (`protection:<episode key>`, `failover:<uid>|<channel>`, `storm:<batch>|<channel>`),
 * who claimed it, and whether it offers Snooze (only messages about one job).
 */
export interface ClaimControls {
  value: string;
  claim?: { name: string; at: Date };
  snooze?: boolean;
}

/** A stored claim (`at` in ms) as the controls show it: nothing when nobody claimed. */
export function claimShown(claim: { name: string; at: number } | undefined): Pick<ClaimControls, 'claim'> {
  return claim ? { claim: { name: claim.name, at: new Date(claim.at) } } : {};
}

/** The claim line (when claimed) and the Claim (and Snooze) buttons. */
export function claimControlBlocks(controls: ClaimControls): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (controls.claim) blocks.push(context([claimText(controls.claim)], 'claim'));
  const buttons = [button(ActionId.CLAIM, 'Claim', { value: controls.value })];
  if (controls.snooze) buttons.push(button(ActionId.SNOOZE, 'Snooze', { value: controls.value }));
  blocks.push(actions(buttons, 'claim_controls'));
  return blocks;
}

/**
 * The message with its claim controls (replacing the ones it had); `undefined` controls strip them (the target
 * closed: a recovery, a failover that succeeded). Pure: the message is rendered elsewhere.
 */
export function withClaimControls(message: SlackMessage, controls: ClaimControls | undefined): SlackMessage {
  const kept = (message.blocks ?? []).filter((b) => !CLAIM_BLOCKS.has(b.block_id ?? ''));
  return finishView(message.text, controls ? [...kept, ...claimControlBlocks(controls)] : kept);
}
