import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, button, context, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { PICK_SUGGESTION } from './ids.js';

/** A routing change as people see it announced. */
export interface RoutingChange {
  /** Slack user ID of who made it. */
  userId: string;
  /** What they did, in words: `muted`, `subscribed`, `removed the mute of`, ... */
  action: string;
  /** The rule: a job pattern or a subscription's filter line. */
  rule: string;
  /** The channel the rule concerns. */
  channel?: string;
  /** How many known jobs the rule matches, when known. */
  jobs?: number;
  /** When it ends. */
  until?: Date;
}

const userRef = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(truncate(id, 40)));
const channelRef = (id: string) =>
  /^[CGD][A-Z0-9]{2,}$/.test(id) ? `<#${id}>` : escapeMrkdwn(truncate(id, 80));

/** The public announcement of a routing change: who, what, how many jobs it matches, where and until when. */
export function buildRoutingChangeView(change: RoutingChange): SlackMessage {
  const parts = [
    `:loudspeaker: ${userRef(change.userId)} ${escapeMrkdwn(change.action)} ${boldName(truncate(change.rule, 300))}`,
    change.channel ? `in ${channelRef(change.channel)}` : '',
    change.jobs !== undefined ? `(matches ${change.jobs} job${change.jobs === 1 ? '' : 's'})` : '',
    change.until ? `until ${slackDate(change.until)}` : '',
  ];
  const line = parts.filter(Boolean).join(' ');
  return finishView(line, [section(line, 'routing_change')]);
}

/** Asks to confirm a mute whose glob matches many jobs; the button runs `command` (with `confirm`). */
export function buildConfirmMuteView(opts: { pattern: string; jobs: number; command: string }): SlackMessage {
  const line = `:warning: ${boldName(truncate(opts.pattern, 300))} matches *${opts.jobs} jobs*. Mute them all?`;
  return finishView(line, [
    section(line, 'confirm_mute'),
    actions([button(PICK_SUGGESTION, `Mute ${opts.jobs} jobs`, { value: opts.command })], 'confirm'),
    context(['Nothing changes until you click.'], 'confirm_hint'),
  ]);
}
