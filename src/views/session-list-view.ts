import type { Session, TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { ITEM_PREFIX } from './format/fit-blocks.js';
import { actions, button, context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { FOLLOW_LINK } from './ids.js';
import { shareButton } from './session-parts.js';
import { sessionSummary } from './session-summary.js';
import { plural } from './session-text.js';

/** Options of buildSessionListView. */
export interface SessionListViewOptions {
  /** Task sessions by session UID; their failed and warning VMs are listed under each session. */
  tasksBySession?: Map<string, TaskSession[]>;
  shareCommand?: string;
  /** Shown when there are no sessions. */
  emptyText?: string;
  now?: Date;
}

const newestFirst = (a: Session, b: Session): number =>
  (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0);

/** Sessions of one job (`/veeam status <job>`), newest first, one compact section each with a Details button. */
export function buildSessionListView(
  title: string,
  sessions: Session[],
  opts: SessionListViewOptions = {},
): SlackMessage {
  const sorted = [...sessions].sort(newestFirst);
  const blocks: KnownBlock[] = [header(title)];
  if (!sorted.length) blocks.push(context([escapeMrkdwn(opts.emptyText ?? 'No sessions found.')], 'empty'));
  sorted.forEach((s, i) => {
    const summary = sessionSummary(s, {
      tasks: opts.tasksBySession?.get(s.uid),
      now: opts.now,
      taskChars: 800,
    });
    const details = s.href ? button(FOLLOW_LINK, 'Details', { value: s.href }) : undefined;
    blocks.push(section(summary, `${ITEM_PREFIX}session:${i}`, details));
  });
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)]));
  return finishView(`${escapeMrkdwn(title)}: ${plural(sorted.length, 'session')}`, blocks, {
    more: (n) => `…and ${plural(n, 'older session')}`,
  });
}
