import type { CloudFailoverTask, Session, TaskSession } from '../em/types.js';
import type { Button, KnownBlock } from './format/block-kit.js';
import { escapeMrkdwn, literalName, boldName } from './format/escape-mrkdwn.js';
import { progressBar } from './format/progress-bar.js';
import { isRunning, resultEmoji, resultLabel } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import { button, context, section } from './blocks.js';
import { OPEN_IN_EM, SHARE_IN_CHANNEL } from './ids.js';
import { linkButtons } from './link-buttons.js';
import * as text from './session-text.js';

const LIST_CHARS = 2900;

/** The mrkdwn fields of a session: owner, type, state, result, progress, start, end, duration, backup server. */
export function sessionFields(session: Session, now?: Date): string[] {
  const type = text.typeLabel(session);
  const fields = [
    `*${text.ownerLabel(session)}*\n${literalName(truncate(text.ownerName(session), 150))}`,
    `*Type*\n${escapeMrkdwn(truncate(type, 80))}${session.isRetry ? ' · retry' : ''}`,
    `*State*\n${escapeMrkdwn(truncate(session.state, 40))}`,
    `*Result*\n${resultEmoji(session)} ${escapeMrkdwn(truncate(resultLabel(session), 40))}`,
    `*Progress*\n${progressBar(session.progress)}`,
    `*Start*\n${slackDate(session.creationTime)}`,
    `*End*\n${session.endTime ? slackDate(session.endTime) : 'running'}`,
    `*Duration*\n${text.durationText(session.creationTime, session.endTime, now)}`,
  ];
  const server = text.backupServerName(session.links);
  if (server) fields.push(`*Backup server*\n${literalName(truncate(server, 150))}`);
  return fields;
}

/** The failure message as a section, when EM gave one. */
export function failureBlocks(message: string | undefined, blockId = 'failure'): KnownBlock[] {
  const trimmed = message?.trim();
  if (!trimmed) return [];
  return [section(`:rotating_light: *Failure:* ${escapeMrkdwn(truncate(trimmed, 1500))}`, blockId)];
}

/** The failed and warning VMs with reasons (the failed first), then a count of the others. */
export function taskBlocks(tasks: TaskSession[], blockId = 'tasks'): KnownBlock[] {
  const problems = text.problemTasks(tasks);
  const blocks: KnownBlock[] = [];
  if (problems.length) {
    const title = `*Failed and warning VMs (${problems.length} of ${tasks.length})*`;
    blocks.push(
      section(
        `${title}\n${packLines(
          problems.map((t) => text.taskLine(t)),
          LIST_CHARS,
        )}`,
        blockId,
      ),
    );
  }
  const others = text.otherTasksLine(tasks);
  if (others) blocks.push(context([others], `${blockId}_others`));
  return blocks;
}

/** One line per cloud failover VM: emoji, name, progress bar, state, and the failure message when there is one. */
export function failoverTaskLine(task: CloudFailoverTask): string {
  const failure = task.failureMessage?.trim()
    ? ` — ${escapeMrkdwn(truncate(task.failureMessage.trim(), 200))}`
    : '';
  const vm = boldName(truncate(task.vmName, 120));
  return `${resultEmoji(task)} ${vm} ${progressBar(task.progress)} · ${escapeMrkdwn(truncate(task.state, 40))}${failure}`;
}

const failoverOrder = (t: CloudFailoverTask): number =>
  t.result === 'Failed' ? 0 : t.result === 'Warning' ? 1 : isRunning(t) ? 2 : 3;

/**
 * The VM lines of a cloud failover, the worst first (failed, warning, running, succeeded), within `maxChars`;
 * the `…and N more` line says how many of the hidden VMs failed, so a failure is never silently cut.
 */
export function failoverTaskList(tasks: CloudFailoverTask[], maxChars: number): string {
  const sorted = [...tasks].sort((a, b) => failoverOrder(a) - failoverOrder(b));
  const more = (n: number): string => {
    const failed = sorted.slice(sorted.length - n).filter((t) => t.result === 'Failed').length;
    return `…and ${n} more, ${failed ? `${failed} of them failed` : '0 failed'}`;
  };
  return packLines(sorted.map(failoverTaskLine), maxChars, more);
}

/** The VMs of a cloud failover session, the worst first (failed, warning, running, succeeded). */
export function failoverTaskBlocks(tasks: CloudFailoverTask[], blockId = 'failover_tasks'): KnownBlock[] {
  if (!tasks.length) return [];
  return [section(`*VMs (${tasks.length})*\n${failoverTaskList(tasks, LIST_CHARS)}`, blockId)];
}

/** Options for the buttons under a session. */
export interface SessionButtonOptions {
  emWebUrl?: string;
  shareCommand?: string;
}

/** The link buttons (Up and Down links), then `Open in Enterprise Manager` and `Share in channel` when asked. */
export function sessionButtons(links: Session['links'], opts: SessionButtonOptions): Button[] {
  const buttons = linkButtons(links);
  if (opts.emWebUrl) buttons.push(button(OPEN_IN_EM, 'Open in Enterprise Manager', { url: opts.emWebUrl }));
  if (opts.shareCommand) buttons.push(shareButton(opts.shareCommand));
  return buttons;
}

/** The `Share in channel` button; its value is the command text after `/veeam `. */
export function shareButton(command: string): Button {
  return button(SHARE_IN_CHANNEL, 'Share in channel', { value: command });
}

/** The context line naming the session and its UID. */
export function uidContext(session: { name: string; uid: string }, blockId = 'uid'): KnownBlock {
  const uid = session.uid ? `UID \`${escapeMrkdwn(truncate(session.uid, 200))}\`` : 'no UID';
  return context([`${literalName(truncate(session.name, 200))} · ${uid}`], blockId);
}
