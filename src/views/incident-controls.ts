import type { KnownBlock } from './format/block-kit.js';
import { boldName } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, button, context } from './blocks.js';
import { ActionId } from './ids.js';
import type { JobAction } from '../em/job-actions.js';
import { jobActionBlocks } from './job-action-view.js';

/** What an open incident's message offers: its key for the buttons, and who claimed it. */
export interface IncidentControls {
  /** The incident key (`<job key>|<channel>`), the value of its buttons. */
  key: string;
  claim?: { name: string; at: Date };
  /** The Retry / Start / Stop buttons the job offers (JOB_ACTIONS=on); absent or empty: none. */
  jobActions?: { jobName: string; offered: readonly JobAction[] };
}

/** The claim line: a name in bold, never a mention (an update must not ping anyone). */
export function claimText(claim: { name: string; at: Date }): string {
  return `:raising_hand: claimed by ${boldName(truncate(claim.name, 80))} at ${slackDate(claim.at)}`;
}

/** The claim line (when claimed) and the Claim / Snooze buttons of an open incident's message. */
export function incidentControlBlocks(controls: IncidentControls): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (controls.claim) blocks.push(context([claimText(controls.claim)], 'claim'));
  blocks.push(
    actions(
      [
        button(ActionId.CLAIM, 'Claim', { value: controls.key }),
        button(ActionId.SNOOZE, 'Snooze', { value: controls.key }),
      ],
      'incident_actions',
    ),
  );
  if (controls.jobActions)
    blocks.push(...jobActionBlocks(controls.jobActions.jobName, controls.jobActions.offered));
  return blocks;
}
