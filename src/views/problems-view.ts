import type { Session } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { ITEM_PREFIX } from './format/fit-blocks.js';
import { isRunning, resultEmoji } from './format/result-emoji.js';
import { progressBar } from './format/progress-bar.js';
import { slackDate } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import { actions, button, context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { countsText, groupByJob, type JobGroup } from './group-by-job.js';
import { FOLLOW_LINK } from './ids.js';
import { shareButton } from './session-parts.js';
import { durationText, plural } from './session-text.js';

/** Options of buildProblemsView. */
export interface ProblemsViewOptions {
  /** The window shown, e.g. `24h`. */
  window?: string;
  now: Date;
  shareCommand?: string;
}

/** One session line under its job: emoji, start, result or progress, and the failure message. */
function sessionLine(s: Session, now: Date): string {
  const state = isRunning(s)
    ? `${progressBar(s.progress)} · ${durationText(s.creationTime, s.endTime, now)}`
    : escapeMrkdwn(truncate(s.result, 40));
  const failure = s.failureMessage?.trim();
  const reason = failure ? ` — ${escapeMrkdwn(truncate(failure.replace(/\s+/g, ' '), 200))}` : '';
  return `${resultEmoji(s)} ${slackDate(s.creationTime)} · ${state}${s.isRetry ? ' · retry' : ''}${reason}`;
}

function groupSection(group: JobGroup, index: number, now: Date): KnownBlock {
  const first = group.sessions[0];
  const head = `${first ? resultEmoji(first) : ''} ${boldName(truncate(group.job, 150))} — ${countsText(group.counts)}`;
  const lines = packLines(
    group.sessions.map((s) => sessionLine(s, now)),
    1200,
  );
  const latest = first?.href ? button(FOLLOW_LINK, 'Details', { value: first.href }) : undefined;
  return section(`${head}\n${lines}`, `${ITEM_PREFIX}job:${index}`, latest);
}

/** Problems or running sessions (`/veeam failures 24h`, `/veeam running`) grouped by job, the worst job first. */
export function buildProblemsView(
  title: string,
  sessions: Session[],
  opts: ProblemsViewOptions,
): SlackMessage {
  const groups = groupByJob(sessions);
  const window = opts.window ? ` in the last ${escapeMrkdwn(truncate(opts.window, 40))}` : '';
  const blocks: KnownBlock[] = [header(title)];
  const summary = `${plural(sessions.length, 'session')} in ${plural(groups.length, 'job')}${window} · as of ${slackDate(opts.now)}`;
  blocks.push(context([groups.length ? summary : `:white_check_mark: Nothing to show${window}.`], 'summary'));
  groups.forEach((g, i) => blocks.push(groupSection(g, i, opts.now)));
  if (opts.shareCommand) blocks.push(actions([shareButton(opts.shareCommand)]));
  const text = `${escapeMrkdwn(truncate(title, 200))}: ${plural(sessions.length, 'session')} in ${plural(groups.length, 'job')}`;
  return finishView(text, blocks, { more: (n) => `…and ${plural(n, 'more job')}` });
}
