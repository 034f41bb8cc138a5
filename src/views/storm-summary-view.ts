import type { Session } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { resultEmoji } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import { context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { countsText, groupByJob } from './group-by-job.js';
import { plural } from './session-text.js';

/** Options of buildStormSummaryView. */
export interface StormSummaryOptions {
  /** How many alerts this channel got in the storm, the ones already posted included. */
  channelTotal: number;
  now: Date;
}

/** One message instead of many during an alert storm: counts by job and result, the worst first. */
export function buildStormSummaryView(alerts: Session[], opts: StormSummaryOptions): SlackMessage {
  const groups = groupByJob(alerts);
  const lines = groups.map((g) => {
    const first = g.sessions[0];
    return `${first ? resultEmoji(first) : ''} *${escapeMrkdwn(truncate(g.job, 150))}* — ${countsText(g.counts)}`;
  });
  const title = `:rotating_light: ${plural(alerts.length, 'more alert')} in ${plural(groups.length, 'job')}`;
  const blocks = [
    header(title),
    section(packLines(lines, 2900, (n) => `…and ${plural(n, 'more job')}`) || 'No alerts.', 'storm'),
    context(
      [
        `${plural(opts.channelTotal, 'alert')} in this channel as of ${slackDate(opts.now)}; summarised to keep it readable.`,
        'Run `/veeam failures 24h` for the full list.',
      ],
      'storm_hint',
    ),
  ];
  return finishView(`${title}. Run /veeam failures 24h for the full list.`, blocks);
}
