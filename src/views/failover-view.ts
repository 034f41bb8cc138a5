import type { CloudFailoverSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { ITEM_PREFIX } from './format/fit-blocks.js';
import { isRunning } from './format/result-emoji.js';
import { truncate, truncateMrkdwn } from './format/truncate.js';
import { slackDate } from './format/slack-date.js';
import { actions, button, context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { FOLLOW_FAILOVER } from './ids.js';
import { failoverTaskList, shareButton } from './session-parts.js';
import { sessionSummary } from './session-summary.js';
import { plural } from './session-text.js';

/** Options of buildFailoverView. */
export interface FailoverViewOptions {
  /** True when this message is being updated live: no Follow buttons, a status line instead. */
  following?: boolean;
  now: Date;
  shareCommand?: string;
  /** The heading; `Cloud failover` by default. */
  title?: string;
}

/** Running sessions first, then the newest. */
export function sortFailovers(sessions: CloudFailoverSession[]): CloudFailoverSession[] {
  const time = (s: CloudFailoverSession): number => s.creationTime?.getTime() ?? 0;
  return [...sessions].sort((a, b) => Number(isRunning(b)) - Number(isRunning(a)) || time(b) - time(a));
}

/** The section of one failover session: summary, progress and a progress bar per VM. */
export function failoverSection(session: CloudFailoverSession, blockId: string, opts: FailoverViewOptions) {
  const summary = sessionSummary(session, { title: session.name || session.jobName, now: opts.now });
  const vms = session.tasks.length ? `\n${failoverTaskList(session.tasks, 1500)}` : '';
  const follow =
    isRunning(session) && !opts.following && session.href
      ? button(FOLLOW_FAILOVER, 'Follow', { value: session.href })
      : undefined;
  return section(truncateMrkdwn(summary, 1200) + vms, blockId, follow);
}

/** Cloud failover sessions (`/veeam failover [plan]`): running first, progress per session and VM, Follow buttons. */
export function buildFailoverView(sessions: CloudFailoverSession[], opts: FailoverViewOptions): SlackMessage {
  const sorted = sortFailovers(sessions);
  const title = opts.title ?? 'Cloud failover';
  const blocks: KnownBlock[] = [header(title)];
  if (!sorted.length) blocks.push(context(['No cloud failover sessions found.'], 'empty'));
  sorted.forEach((s, i) => blocks.push(failoverSection(s, `${ITEM_PREFIX}failover:${i}`, opts)));
  const running = sorted.filter((s) => isRunning(s)).length;
  if (opts.following)
    blocks.push(
      context([`${running ? 'Updating live…' : 'Finished'} · ${slackDate(opts.now)}`], 'following'),
    );
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)]));
  const text = `${escapeMrkdwn(truncate(title, 200))}: ${plural(sorted.length, 'session')}, ${running} running`;
  return finishView(text, blocks);
}
