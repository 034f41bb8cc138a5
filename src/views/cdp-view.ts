import type { CdpReplicaSession, TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { ITEM_PREFIX } from './format/fit-blocks.js';
import { resultRank } from './format/result-emoji.js';
import { truncate } from './format/truncate.js';
import { actions, button, context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { FOLLOW_LINK } from './ids.js';
import { shareButton } from './session-parts.js';
import { sessionSummary } from './session-summary.js';
import { otherTasksLine, plural } from './session-text.js';

/** Options of buildCdpView. */
export interface CdpViewOptions {
  shareCommand?: string;
  now?: Date;
  /** The heading; `CDP policies` by default. */
  title?: string;
  emptyText?: string;
}

/** The worst result of a CDP session and its tasks: a Working session reports its problems only on its tasks. */
export function worstResult(session: CdpReplicaSession, tasks: TaskSession[]): number {
  return Math.min(resultRank(session.result), ...tasks.map((t) => resultRank(t.result)));
}

/** CDP policy sessions with their VMs: the worst first (failed tasks count), then the newest. */
export function buildCdpView(
  sessions: CdpReplicaSession[],
  tasksBySession: Map<string, TaskSession[]>,
  opts: CdpViewOptions = {},
): SlackMessage {
  const tasksOf = (s: CdpReplicaSession): TaskSession[] => tasksBySession.get(s.uid) ?? [];
  const time = (s: CdpReplicaSession): number => s.creationTime?.getTime() ?? 0;
  const sorted = [...sessions].sort(
    (a, b) => worstResult(a, tasksOf(a)) - worstResult(b, tasksOf(b)) || time(b) - time(a),
  );
  const title = opts.title ?? 'CDP policies';
  const blocks: KnownBlock[] = [header(title)];
  if (!sorted.length)
    blocks.push(context([escapeMrkdwn(opts.emptyText ?? 'No CDP sessions found.')], 'empty'));
  sorted.forEach((s, i) => {
    const tasks = tasksOf(s);
    const others = otherTasksLine(tasks);
    const summary = sessionSummary(s, { title: s.jobName || s.name, tasks, now: opts.now, taskChars: 1000 });
    const details = s.href ? button(FOLLOW_LINK, 'Details', { value: s.href }) : undefined;
    blocks.push(section(others ? `${summary}\n${others}` : summary, `${ITEM_PREFIX}cdp:${i}`, details));
  });
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)]));
  const text = `${escapeMrkdwn(truncate(title, 200))}: ${plural(sorted.length, 'session')}`;
  return finishView(text, blocks, { more: (n) => `…and ${plural(n, 'more session')}` });
}
