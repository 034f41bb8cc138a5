import type { Session } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { resultEmoji, resultRank } from './format/result-emoji.js';
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
  /** A Slack mention from config (`<!subteam^ID>`), put once on the summary; not escaped. */
  mention?: string;
}

/**
 * One message instead of many during an alert storm: a title counting what it summarises
 * (`15 alerts in 2 minutes: 12 Failed, 3 Warning`), the mention once, then counts by job, the worst first.
 */
export function buildStormSummaryView(alerts: Session[], opts: StormSummaryOptions): SlackMessage {
  const groups = groupByJob(alerts);
  const lines = groups.map((g) => {
    const first = g.sessions[0];
    return `${first ? resultEmoji(first) : ''} ${boldName(truncate(g.job, 150))} — ${countsText(g.counts)}`;
  });
  const title = stormTitle(alerts);
  const blocks = [
    header(`:rotating_light: ${title}`),
    ...(opts.mention ? [section(opts.mention, 'mention')] : []),
    section(packLines(lines, 2900, (n) => `…and ${plural(n, 'more job')}`) || 'No alerts.', 'storm'),
    context(
      [
        `${plural(opts.channelTotal, 'alert')} in this channel as of ${slackDate(opts.now)}; summarised to keep it readable.`,
        'Run `/veeam failures 24h` for the full list.',
      ],
      'storm_hint',
    ),
  ];
  const text = [opts.mention, `${escapeMrkdwn(title)}.`, 'Run /veeam failures 24h for the full list.'];
  return finishView(text.filter(Boolean).join(' '), blocks);
}

/** `15 alerts in 2 minutes: 12 Failed, 3 Warning`: the span between the first and the last end, at least a minute. */
function stormTitle(alerts: Session[]): string {
  const ends = alerts.map((s) => s.endTime?.getTime()).filter((t): t is number => t !== undefined);
  const spanMs = ends.length > 0 ? Math.max(...ends) - Math.min(...ends) : 0;
  const minutes = Math.max(1, Math.ceil(spanMs / 60_000));
  const span = minutes < 120 ? plural(minutes, 'minute') : plural(Math.ceil(minutes / 60), 'hour');
  const counts = new Map<string, number>();
  for (const s of alerts) counts.set(s.result || 'None', (counts.get(s.result || 'None') ?? 0) + 1);
  const byResult = [...counts]
    .sort(([a], [b]) => resultRank(a) - resultRank(b))
    .map(([result, n]) => `${n} ${truncate(result, 40)}`)
    .join(', ');
  return `${plural(alerts.length, 'alert')} in ${span}: ${byResult}`;
}
