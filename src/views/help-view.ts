import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';

/** Every `/veeam` subcommand with a one-line description, in the order people need them. */
export const USAGE: ReadonlyArray<readonly [string, string]> = [
  ['help', 'this card'],
  ['status <job or policy>', 'the latest sessions of a job or CDP policy'],
  ['vm <vm name>', 'the latest backups and replicas of a VM'],
  ['session <uid, id or href>', 'one session in detail'],
  ['failover [plan]', 'cloud failover sessions, with live progress'],
  ['cdp [policy]', 'CDP policy sessions and their VMs'],
  ['failures [window, e.g. 24h]', 'failed and warning sessions, grouped by job'],
  ['running', 'sessions running now'],
  [
    'subscribe [type:<type>] [job:<name or glob>] [server:<name>] [level:warning|failed]',
    'alerts in this channel',
  ],
  ['subscriptions', 'the alerts this channel gets, and mutes'],
  ['unsubscribe <n|all>', 'stop alert n (from `subscriptions`) or all'],
  ['mute <job> <duration>', 'silence a job’s alerts for a while, e.g. `mute Fileserver 2h`'],
  ['unmute <job>', 'end a mute'],
];

/** The usage lines as mrkdwn: `` `/veeam status <job or policy>` the latest… `` (the `<>` escaped). */
export function usageText(): string {
  return USAGE.map(([command, what]) => `\`/veeam ${escapeMrkdwn(command)}\` ${what}`).join('\n');
}

/** A short usage card for `/veeam help`. */
export function buildHelpView(): SlackMessage {
  const blocks = [
    header(':information_source: /veeam commands'),
    section(usageText(), 'usage'),
    context(['Names are matched loosely; pick from the suggestions when a name is ambiguous.'], 'hint'),
  ];
  return finishView(
    '/veeam commands: help, status, vm, session, failover, cdp, failures, running, subscribe',
    blocks,
  );
}
