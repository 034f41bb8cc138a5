import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate, truncateMrkdwn } from './format/truncate.js';
import { context, section } from './blocks.js';
import { finishView } from './finish-view.js';

/** Options of buildBrokenChannelView. */
export interface BrokenChannelOptions {
  /** The channel Slack refuses (an ID, or a name from config). */
  channel: string;
  /** Slack's error code (`not_in_channel`, ...). */
  slackCode: string;
  /** What to do about it, one line of plain text. */
  fix: string;
  /** The subscriptions of that channel (described): their alerts go to ALERT_CHANNEL until it works again. */
  subscriptions?: readonly string[];
}

/** `<#C123>` for a channel ID (Slack shows its name), the escaped text for anything else. */
export function channelRef(channel: string): string {
  return /^[CGD][A-Z0-9]{2,}$/.test(channel) ? `<#${channel}>` : escapeMrkdwn(truncate(channel, 80));
}

/** Posted once to ALERT_CHANNEL when Slack refuses another channel for good: which, why, and the fix. */
export function buildBrokenChannelView(opts: BrokenChannelOptions): SlackMessage {
  const where = channelRef(opts.channel);
  const code = escapeMrkdwn(truncate(opts.slackCode, 80));
  const subs = opts.subscriptions ?? [];
  const outcome = subs.length
    ? `They go to ALERT_CHANNEL instead until it works again. Broken subscription: ${subs.map((d) => escapeMrkdwn(truncate(d, 300))).join('; ')}`
    : 'They are marked failed, not retried.';
  const line = `:no_entry: *Alerts for ${where} cannot be posted*: Slack answers \`${code}\`. ${outcome}`;
  return finishView(`:no_entry: Alerts for ${where} cannot be posted (${code})`, [
    section(truncateMrkdwn(line, 2900), 'broken_channel'),
    context([`Fix: ${escapeMrkdwn(truncate(opts.fix, 500))}`], 'broken_channel_fix'),
  ]);
}
