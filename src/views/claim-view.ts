import type { SlackMessage } from './format/block-kit.js';
import { actions, button, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { claimText } from './incident-controls.js';
import { ActionId } from './ids.js';

/** The answer to a second person's Claim: who has it since when, and a `Take over` button. */
export function buildClaimedView(claim: { name: string; at: Date }, incidentKey: string): SlackMessage {
  const line = `${claimText(claim)}. Take it over?`;
  return finishView(line, [
    section(line, 'claimed'),
    actions([button(ActionId.TAKE_OVER, 'Take over', { value: incidentKey })], 'claim_actions'),
  ]);
}
