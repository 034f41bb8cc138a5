import type { TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { truncate } from './format/truncate.js';
import { context, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { incidentControlBlocks, type IncidentControls } from './incident-controls.js';
import { taskSessionBlocks } from './task-session-view.js';

export interface TaskAlertViewOptions {
  /** The CDP policy the task belongs to. */
  policyName: string;
  /** A Slack mention from config, chosen by the caller per result; put first, not escaped. */
  mention?: string;
  now: Date;
  /** An open incident's claim line and Claim / Snooze buttons. */
  controls?: IncidentControls;
}

/** A Warning or Failed CDP task session (the policy session keeps running): the task view under a policy line. */
export function buildTaskAlertView(task: TaskSession, opts: TaskAlertViewOptions): SlackMessage {
  const { mention } = opts;
  const summary = `${resultEmoji(task)} CDP policy ${boldName(truncate(opts.policyName, 150))}: ${escapeMrkdwn(
    truncate(task.vmName, 150),
  )} ${escapeMrkdwn(resultLabel(task).toLowerCase())}`;
  const blocks: KnownBlock[] = [
    ...(mention ? [section(`${mention} ${summary}`, 'mention')] : [context([summary], 'policy')]),
    ...taskSessionBlocks(task, { now: opts.now }),
    ...(opts.controls ? incidentControlBlocks(opts.controls) : []),
  ];
  return finishView([mention, summary].filter(Boolean).join(' '), blocks);
}
