import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { context, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { durationText } from './session-text.js';

/** Options of buildOutageView. */
export interface OutageOptions {
  since: Date;
  lastError: string;
}

/** Posted once when Enterprise Manager stops answering: since when, and the last error. */
export function buildOutageView(opts: OutageOptions): SlackMessage {
  const line = `:electric_plug: *Enterprise Manager is unreachable* since ${slackDate(opts.since)}. Alerts are paused until it answers again.`;
  const error = escapeMrkdwn(truncate(opts.lastError.trim() || 'unknown error', 500));
  return finishView(`:electric_plug: Enterprise Manager is unreachable: ${error}`, [
    section(line, 'outage'),
    context([`Last error: ${error}`], 'outage_error'),
  ]);
}

/** Options of buildOutageRecoveredView. */
export interface OutageRecoveredOptions {
  since: Date;
  until: Date;
}

/** Posted when Enterprise Manager answers again after an outage. */
export function buildOutageRecoveredView(opts: OutageRecoveredOptions): SlackMessage {
  const took = durationText(opts.since, opts.until);
  const line = `:white_check_mark: *Enterprise Manager is reachable again* (down ${slackDate(opts.since)} → ${slackDate(opts.until)}, ${took}). Alerts resume; sessions missed meanwhile are checked now.`;
  return finishView(`:white_check_mark: Enterprise Manager is reachable again after ${took}`, [
    section(line, 'outage_recovered'),
  ]);
}
