import { formatDuration } from '../shared/duration.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import { context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { durationText, plural } from './session-text.js';

/** One subscription of the channel as `/veeam subscriptions` lists it. */
export interface SubscriptionItem {
  index: number;
  type?: string;
  job?: string;
  server?: string;
  level?: 'warning' | 'failed';
  exclusive?: boolean;
  /** Who made it (Slack user ID) and when, if recorded. */
  by?: string;
  at?: Date;
}

/** A muted job, when the mute ends, and who made it when. */
export interface MuteItem {
  job: string;
  until: Date;
  by?: string;
  at?: Date;
}

/** ` — by <@U1> <date>` for a rule whose maker is recorded. */
function madeBy(by: string | undefined, at: Date | undefined): string {
  if (!by) return '';
  const who = /^[UW][A-Z0-9]+$/.test(by) ? `<@${by}>` : escapeMrkdwn(truncate(by, 40));
  return ` — by ${who}${at ? ` ${slackDate(at)}` : ''}`;
}

/** Options of buildSubscriptionsView. */
export interface SubscriptionsViewOptions {
  now: Date;
  /** RPO overrides set with `/veeam rpo`, listed after the mutes. */
  rpoOverrides?: { job: string; ms: number; by?: string; at?: Date }[];
}

function subscriptionLine(s: SubscriptionItem): string {
  const part = (label: string, value: string | undefined): string =>
    `${label} \`${escapeMrkdwn(truncate(value ?? 'any', 150))}\``;
  const level = s.level === 'failed' ? 'failed only' : 'warning and failed';
  const exclusive = s.exclusive ? ' · *exclusive* (not in ALERT_CHANNEL)' : '';
  return `*${s.index}.* ${part('type', s.type)} · ${part('job', s.job)} · ${part('server', s.server)} · ${level}${exclusive}${madeBy(s.by, s.at)}`;
}

/** The channel's subscriptions (numbered for `unsubscribe <n>`) and its active mutes. */
export function buildSubscriptionsView(
  subscriptions: SubscriptionItem[],
  mutes: MuteItem[],
  opts: SubscriptionsViewOptions,
): SlackMessage {
  const active = mutes.filter((m) => m.until.getTime() > opts.now.getTime());
  const subs = subscriptions.length
    ? packLines(subscriptions.map(subscriptionLine), 2900)
    : 'No subscriptions. Try `/veeam subscribe level:failed`.';
  const blocks: KnownBlock[] = [header('Alert subscriptions'), section(subs, 'subscriptions')];
  if (active.length) {
    const lines = active.map(
      (m) =>
        `:mute: ${boldName(truncate(m.job, 150))} until ${slackDate(m.until)} (${durationText(opts.now, m.until)} left)${madeBy(m.by, m.at)}`,
    );
    blocks.push(section(`*Muted*\n${packLines(lines, 2900)}`, 'mutes'));
  }
  if (opts.rpoOverrides?.length) {
    const lines = opts.rpoOverrides.map(
      (o) => `:stopwatch: ${boldName(truncate(o.job, 150))} RPO ${formatDuration(o.ms)}${madeBy(o.by, o.at)}`,
    );
    blocks.push(section(`*RPO overrides*\n${packLines(lines, 2900)}`, 'rpo_overrides'));
  }
  blocks.push(context([escapeMrkdwn('`/veeam unsubscribe <n|all>` · `/veeam unmute <job>`')], 'hint'));
  const text = `${plural(subscriptions.length, 'subscription')}, ${plural(active.length, 'mute')}`;
  return finishView(text, blocks);
}
