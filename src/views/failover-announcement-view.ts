import type { CloudFailoverSession } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { literalName } from './format/escape-mrkdwn.js';
import { isRunning, resultEmoji } from './format/result-emoji.js';
import { progressBar } from './format/progress-bar.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, context, header } from './blocks.js';
import { finishView } from './finish-view.js';
import { linkButtons } from './link-buttons.js';
import { failoverSection } from './failover-view.js';

/** Options of buildFailoverAnnouncementView. */
export interface FailoverAnnouncementOptions {
  now: Date;
}

/** The channel message for a cloud failover that started; the watcher updates it in place as it progresses. */
export function buildFailoverAnnouncementView(
  session: CloudFailoverSession,
  opts: FailoverAnnouncementOptions,
): SlackMessage {
  const running = isRunning(session);
  const plan = session.name || session.jobName;
  const title = running
    ? `:rotating_light: Cloud failover started: ${plan}`
    : `${resultEmoji(session)} Cloud failover finished: ${plan}`;
  const buttons = linkButtons(session.links, 2);
  const blocks = [
    header(title),
    failoverSection(session, 'failover', { following: true, now: opts.now }),
    context([`${running ? 'Updating live…' : 'Finished'} · as of ${slackDate(opts.now)}`], 'following'),
    ...(buttons.length ? [actions(buttons)] : []),
  ];
  const text = `${running ? ':rotating_light: Cloud failover started' : 'Cloud failover finished'}: ${literalName(truncate(plan, 200))} ${progressBar(session.progress)}`;
  return finishView(text, blocks);
}
