import type { TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn, literalName } from './format/escape-mrkdwn.js';
import { formatSize } from './format/format-size.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, fieldsSection, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { linkButtons } from './link-buttons.js';
import { shareButton, uidContext } from './session-parts.js';
import { backupServerName, durationText, kindLabel, parentSessionName } from './session-text.js';

/** Options of buildTaskSessionView. */
export interface TaskSessionViewOptions {
  shareCommand?: string;
  /** Used only for the duration of a running task. */
  now?: Date;
}

/** The fields of a task session: VM, type, result, state, start, end, duration, size. */
function taskFields(task: TaskSession, now?: Date): string[] {
  return [
    `*VM*\n${literalName(truncate(task.vmName, 150))}`,
    `*Type*\n${kindLabel(task.kind)}`,
    `*Result*\n${resultEmoji(task)} ${escapeMrkdwn(truncate(resultLabel(task), 40))}`,
    `*State*\n${escapeMrkdwn(truncate(task.state, 40))}`,
    `*Start*\n${slackDate(task.creationTime)}`,
    `*End*\n${task.endTime ? slackDate(task.endTime) : 'running'}`,
    `*Duration*\n${durationText(task.creationTime, task.endTime, now)}`,
    `*Size*\n${formatSize(task.totalSize)}`,
    ...linkedNames(task),
  ];
}

/** The parent session and backup server by name: their buttons say only what they open. */
function linkedNames(task: TaskSession): string[] {
  const session = parentSessionName(task.links);
  const server = backupServerName(task.links);
  return [
    ...(session ? [`*Session*\n${literalName(truncate(session, 150))}`] : []),
    ...(server ? [`*Backup server*\n${literalName(truncate(server, 150))}`] : []),
  ];
}

/** The blocks of one task session, not yet finished; shared with the CDP task alert, which finishes them once. */
export function taskSessionBlocks(task: TaskSession, opts: TaskSessionViewOptions = {}): KnownBlock[] {
  const reason = task.reason?.trim();
  const buttons = linkButtons(task.links);
  if (opts.shareCommand) buttons.push(shareButton(opts.shareCommand));
  return [
    header(`${resultEmoji(task)} ${task.vmName || task.name}`),
    fieldsSection(taskFields(task, opts.now)),
    ...(reason ? [section(`*Reason:* ${escapeMrkdwn(truncate(reason, 2500))}`, 'reason')] : []),
    uidContext(task),
    ...(buttons.length ? [actions(buttons)] : []),
  ];
}

/** One task session (one VM of a session) with its reason and buttons for its Up links (parent session, server). */
export function buildTaskSessionView(task: TaskSession, opts: TaskSessionViewOptions = {}): SlackMessage {
  const text = `${resultEmoji(task)} ${literalName(truncate(task.vmName, 200))}: ${escapeMrkdwn(resultLabel(task))}`;
  return finishView(text, taskSessionBlocks(task, opts));
}
