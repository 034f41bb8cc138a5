import type { JobAction } from '../em/job-actions.js';
import type { KnownBlock, ModalView } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, button, section } from './blocks.js';
import { ActionId, JOB_ACTION_CALLBACK_ID } from './ids.js';

/** The label of each job action, as its button and modal submit show it. */
export const ACTION_LABEL: Record<JobAction, string> = { retry: 'Retry', start: 'Start', stop: 'Stop' };

/** What each action will do, said in the confirmation modal. */
const WHAT_HAPPENS: Record<JobAction, string> = {
  retry: 'Enterprise Manager will retry the failed VMs of the last run now.',
  start: 'Enterprise Manager will start a new run of the job now.',
  stop: 'Enterprise Manager will stop the running session of the job now.',
};

/** The Retry / Start / Stop buttons a job offers (only the actions it has links for), or none. */
export function jobActionBlocks(jobName: string, offered: readonly JobAction[]): KnownBlock[] {
  if (offered.length === 0) return [];
  const value = (action: JobAction) => `${action}|${truncate(jobName, 1900)}`;
  return [
    actions(
      offered.map((a) => button(ActionId.JOB_ACTION, ACTION_LABEL[a], { value: value(a) })),
      'job_actions',
    ),
  ];
}

/** What the confirmation modal names. */
export interface ConfirmModalInput {
  action: JobAction;
  jobName: string;
  backupServer: string | undefined;
  lastResult: string | undefined;
  /** When that result came (the session's end, or its start while it runs). */
  lastAt?: Date | undefined;
  /** The signed token, carried in private_metadata. */
  token: string;
}

/** The confirmation modal: job, backup server, last result, what will happen; submit is the action's label. */
export function buildConfirmModal(input: ConfirmModalInput): ModalView {
  const label = ACTION_LABEL[input.action];
  const lines = [
    `${label} ${boldName(truncate(input.jobName, 200))}?`,
    `Backup server: ${escapeMrkdwn(truncate(input.backupServer ?? 'unknown', 200))}`,
    `Last result: ${escapeMrkdwn(truncate(input.lastResult ?? 'unknown', 100))}${input.lastAt ? ` (${slackDate(input.lastAt)})` : ''}`,
    WHAT_HAPPENS[input.action],
  ];
  return {
    type: 'modal' as const,
    callback_id: JOB_ACTION_CALLBACK_ID,
    private_metadata: input.token,
    title: { type: 'plain_text', text: `${label} job` },
    submit: { type: 'plain_text', text: label },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [section(lines.join('\n'), 'confirm')],
  };
}

/** The one-line modal that answers a submission we refused (forged, expired, another user's, replayed). */
export function buildRefusedModal(line: string): ModalView {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text', text: 'Not done' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(escapeMrkdwn(truncate(line, 500)), 'refused')],
  };
}
