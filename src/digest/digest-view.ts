import { actions, button, context, fieldsSection, header, section } from '../views/blocks.js';
import type { KnownBlock, SlackMessage } from '../views/format/block-kit.js';
import { boldName, escapeMrkdwn } from '../views/format/escape-mrkdwn.js';
import { ITEM_PREFIX } from '../views/format/fit-blocks.js';
import { slackDate } from '../views/format/slack-date.js';
import { truncate } from '../views/format/truncate.js';
import { finishView } from '../views/finish-view.js';
import { chartedRepositories } from './chart-specs.js';
import { FOLLOW_LINK } from '../views/ids.js';
import { shareButton } from '../views/session-parts.js';
import {
  dayLabel,
  KIND_LABELS,
  kindLine,
  lowRepositories,
  repositoryAltText,
  repositoryLine,
  summaryLine,
  trendAltText,
  trendLines,
} from './digest-text.js';
import {
  DIGEST_KINDS,
  type DigestBreach,
  type DigestData,
  type DigestIncident,
  type DigestProblem,
} from './digest-types.js';

/** Options of buildDigestView. */
export interface DigestViewOptions {
  /** The local date the digest is for, `YYYY-MM-DD`. */
  date: string;
  /** Posted after DIGEST_TIME because the bot was down then. */
  late?: boolean;
  /** The uploaded chart, shown as an image block. */
  chartFileId?: string;
  /** The uploaded repository-usage chart, shown as a second image block. */
  repositoryChartFileId?: string;
  /** `/veeam report`: the command a Share button re-runs in the channel. */
  shareCommand?: string;
  /** Problem jobs listed before `…and N more`. */
  maxProblems?: number;
}

const emoji = (p: DigestProblem): string => (p.result === 'Failed' ? ':x:' : ':warning:');

function problemBlock(p: DigestProblem, i: number): KnownBlock {
  const reason = p.reason ? ` — ${escapeMrkdwn(truncate(p.reason.replace(/\s+/g, ' '), 200))}` : '';
  const times = p.count > 1 ? ` (${p.count} times)` : '';
  const text = `${emoji(p)} ${boldName(truncate(p.jobName, 150))} · ${KIND_LABELS[p.kind]} · ${p.result}${times}${reason}`;
  return section(text, `${ITEM_PREFIX}problem:${i}`, button(FOLLOW_LINK, 'Session', { value: p.href }));
}

function incidentLine(i: DigestIncident): string {
  const claim = i.claimedBy ? `claimed by ${escapeMrkdwn(i.claimedBy)}` : 'unclaimed';
  return `:rotating_light: ${boldName(truncate(i.jobName, 150))} · ${escapeMrkdwn(i.lastResult)} · ${i.failures} failure(s) · ${claim}`;
}

function breachLine(b: DigestBreach): string {
  const what = b.state === 'missed' ? 'missed its run' : `${b.staleVms} of ${b.vms} VMs past their RPO`;
  return `:hourglass: ${boldName(truncate(b.jobName, 150))} · ${what}`;
}

/** The problem part, worst first: failed or warned jobs, open incidents, repositories low on space. */
function problemBlocks(data: DigestData, max: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const shown = data.problems.slice(0, max);
  if (data.problems.length === 0)
    blocks.push(section(':white_check_mark: No job failed or warned.', 'digest:problems'));
  else blocks.push(section(`*Jobs that failed or warned: ${data.problems.length}*`, 'digest:problems'));
  shown.forEach((p, i) => blocks.push(problemBlock(p, i)));
  if (data.problems.length > shown.length) {
    blocks.push(context([`…and ${data.problems.length - shown.length} more jobs`], 'digest:problems_more'));
  }
  if (data.incidents.length > 0) {
    const lines = data.incidents.slice(0, 15).map(incidentLine);
    if (data.incidents.length > 15) lines.push(`…and ${data.incidents.length - 15} more`);
    blocks.push(
      section(`*Open incidents: ${data.incidents.length}*\n${lines.join('\n')}`, 'digest:incidents'),
    );
  }
  const breaches = data.breaches ?? [];
  if (breaches.length > 0) {
    const lines = breaches.slice(0, 15).map(breachLine);
    if (breaches.length > 15) lines.push(`…and ${breaches.length - 15} more`);
    blocks.push(
      section(`*Protection breaches: ${breaches.length}*\n${lines.join('\n')}`, 'digest:protection'),
    );
  }
  const low = lowRepositories(data);
  if (low.length > 0) {
    const lines = low.slice(0, 10).map((r) => `:floppy_disk: ${repositoryLine(r)}`);
    if (low.length > 10) lines.push(`…and ${low.length - 10} more`);
    const head = `*Repositories below ${data.repoWarnPercent}% free: ${low.length}*`;
    blocks.push(section(`${head}\n${lines.join('\n')}`, 'digest:repositories'));
  }
  return blocks;
}

/** The digest as a message: the same numbers in the text, the blocks and the chart's alt text. */
export function buildDigestView(data: DigestData, opts: DigestViewOptions): SlackMessage {
  const title = `Veeam digest · ${dayLabel(opts.date)}${opts.late ? ' (late)' : ''}`;
  const summary = summaryLine(data);
  const blocks: KnownBlock[] = [
    header(title),
    section(`*${summary}*`, 'digest:summary'),
    fieldsSection(
      DIGEST_KINDS.map((k) => kindLine(k, data.byKind[k])),
      'digest:kinds',
    ),
    ...problemBlocks(data, opts.maxProblems ?? 10),
    section(
      `*Last ${data.trend.length} days* (${escapeMrkdwn(data.timeZone)})\n\`\`\`${trendLines(data.trend).join('\n')}\`\`\``,
      'digest:trend',
    ),
  ];
  if (opts.chartFileId) {
    blocks.push({
      type: 'image',
      block_id: 'digest:chart',
      slack_file: { id: opts.chartFileId },
      alt_text: truncate(trendAltText(data.trend), 2000),
    } as KnownBlock);
  }
  if (opts.repositoryChartFileId) {
    blocks.push({
      type: 'image',
      block_id: 'digest:repositories_chart',
      slack_file: { id: opts.repositoryChartFileId },
      alt_text: truncate(repositoryAltText(chartedRepositories(data.repositories)), 2000),
    } as KnownBlock);
  }
  const late = opts.late ? ' Posted late: the bot was down at the digest time.' : '';
  blocks.push(context([`As of ${slackDate(new Date(data.window.untilMs))}.${late}`], 'digest:footer'));
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)], 'digest:share'));
  const text = `${title}\n${summary}\n${DIGEST_KINDS.map((k) => kindLine(k, data.byKind[k])).join('\n')}\nFailed or warned jobs: ${data.problems.length} · open incidents: ${data.incidents.length}${data.breaches ? ` · protection breaches: ${data.breaches.length}` : ''}`;
  return finishView(text, blocks);
}
