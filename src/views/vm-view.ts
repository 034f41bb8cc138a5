import type { VmPoint } from '../em/estate-types.js';
import type { TaskSession } from '../em/types.js';
import { formatDuration } from '../shared/duration.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn, literalName } from './format/escape-mrkdwn.js';
import { ITEM_PREFIX } from './format/fit-blocks.js';
import { formatSize } from './format/format-size.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, button, context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { FOLLOW_LINK } from './ids.js';
import { shareButton } from './session-parts.js';
import { durationText, kindLabel, plural } from './session-text.js';

/** A task session of the VM and the job (or policy) it belongs to. */
export interface VmTask {
  task: TaskSession;
  jobName?: string;
}

/** Options of buildVmView. */
export interface VmViewOptions {
  shareCommand?: string;
  emptyText?: string;
  now?: Date;
  /** The VM's newest backup and replica point; when given, the view has a "newest restore point" line. */
  newest?: NewestPoints;
}

/** A VM's newest backup point and newest replica point (either may be missing). */
export interface NewestPoints {
  backup: VmPoint | undefined;
  replica: VmPoint | undefined;
}

/** One point: kind, date, age and the job (the backup's name is its job's). */
function pointText(label: string, point: VmPoint | undefined, now: Date | undefined): string | undefined {
  if (!point) return undefined;
  const at = point.creationTime;
  const age = at && now ? ` (${formatDuration(Math.max(0, now.getTime() - at.getTime()))} old)` : '';
  const job = point.backup?.name ? ` by ${boldName(truncate(point.backup.name, 150))}` : '';
  return `${label} ${slackDate(at)}${age}${job}`;
}

/** The "newest restore point" line: backup and replica, or that there is none. */
function newestPointText(newest: NewestPoints, now: Date | undefined): string {
  const parts = [pointText('backup', newest.backup, now), pointText('replica', newest.replica, now)];
  const shown = parts.filter((part): part is string => part !== undefined);
  return `:floppy_disk: Newest restore point: ${shown.length ? shown.join(' · ') : 'none'}`;
}

/** One task of the VM: emoji, job and kind, result and state, times, size, and the reason when there is one. */
function vmTaskText({ task, jobName }: VmTask, now?: Date): string {
  const job = boldName(truncate(jobName || task.name, 150));
  const status = escapeMrkdwn(truncate(`${resultLabel(task)} · ${task.state}`, 80));
  const lines = [`${resultEmoji(task)} ${job} (${kindLabel(task.kind)}) · ${status}`];
  const end = task.endTime ? slackDate(task.endTime) : 'now';
  const duration = durationText(task.creationTime, task.endTime, now);
  lines.push(`${slackDate(task.creationTime)} → ${end} · ${duration} · ${formatSize(task.totalSize)}`);
  const reason = task.reason?.trim();
  if (reason) lines.push(`> ${escapeMrkdwn(truncate(reason.replace(/\s+/g, ' '), 500))}`);
  return lines.join('\n');
}

/** The newest task sessions of one VM across backup, replication and CDP, newest first, with their jobs. */
export function buildVmView(vmName: string, tasks: VmTask[], opts: VmViewOptions = {}): SlackMessage {
  const sorted = [...tasks].sort(
    (a, b) => (b.task.creationTime?.getTime() ?? 0) - (a.task.creationTime?.getTime() ?? 0),
  );
  const blocks: KnownBlock[] = [header(`VM ${vmName}`)];
  if (opts.newest) blocks.push(section(newestPointText(opts.newest, opts.now), 'newest-point'));
  if (!sorted.length)
    blocks.push(context([escapeMrkdwn(opts.emptyText ?? 'No task sessions found.')], 'empty'));
  sorted.forEach((item, i) => {
    const details = item.task.href ? button(FOLLOW_LINK, 'Details', { value: item.task.href }) : undefined;
    blocks.push(section(vmTaskText(item, opts.now), `${ITEM_PREFIX}task:${i}`, details));
  });
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)]));
  const text = `VM ${literalName(truncate(vmName, 200))}: ${plural(sorted.length, 'task session')}`;
  return finishView(text, blocks, { more: (n) => `…and ${plural(n, 'older task session')}` });
}
