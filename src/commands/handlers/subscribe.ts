import { WATCHABLE_KINDS } from '../../config/schema.js';
import { PROTECTION_KINDS } from '../../watcher/routing.js';
import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { checkPattern } from '../../watcher/glob.js';
import type { AlertLevel, Subscription } from '../../watcher/state.js';
import { describeSubscription } from '../../watcher/describe-rule.js';
import { parseOptions } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import {
  announceChange,
  countMatches,
  operatorsOnly,
  routingOf,
  saveRoutingChange,
} from './routing-change.js';

type SubscribeDeps = Pick<CommandDeps, 'watcher'> &
  Partial<Pick<CommandDeps, 'routing' | 'logger' | 'clock' | 'catalog'>>;

/**
 * `/veeam subscribe [type:] [job:] [server:] [level:] [exclusive]`: alerts matching the filter also go to
 * this channel (ALERT_CHANNEL keeps them, unless an operator makes the subscription exclusive). Refused when
 * the bot cannot post here.
 */
export async function subscribeCommand(
  rest: string,
  { userId, channelId }: CommandContext,
  deps: SubscribeDeps,
) {
  const { watcher } = deps;
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const routing = routingOf(deps);
  const parsed = parseSubscription(rest, channelId, nextId(watcher.state().subscriptions));
  const subscription = { ...parsed, by: userId, at: deps.clock?.now() ?? Date.now() };
  const duplicate = watcher
    .state()
    .subscriptions.find((s) => s.channel === channelId && sameFilter(s, subscription));
  if (duplicate)
    return buildNoticeView(':information_source:', 'This channel already has that subscription.');
  if (subscription.exclusive && !(await routing.isOperator(userId)))
    throw operatorsOnly('take alerts out of ALERT_CHANNEL (exclusive)');
  if (!(await routing.canPost(channelId)))
    throw new UsageError('I cannot post in this channel: `/invite @<bot>` here first, then subscribe again');
  await saveRoutingChange(watcher, (state) => {
    state.subscriptions.push(subscription);
  });
  const jobs = await countMatches(deps, subscription.job ?? '*');
  await announceChange(deps, {
    userId,
    action: subscription.exclusive ? 'subscribed (exclusive, out of ALERT_CHANNEL)' : 'subscribed',
    rule: describeSubscription(subscription),
    channel: channelId,
    ...(jobs !== undefined ? { jobs } : {}),
  });
  return buildNoticeView(':bell:', 'Alerts for this channel:', describeSubscription(subscription));
}

/** Parses `[type:<type>] [job:<name or glob>] [server:<name>] [level:warning|failed]`. */
export function parseSubscription(text: string, channel: string, id: number): Subscription {
  const { options, words: all } = parseOptions(text);
  const exclusive = all.some((w) => w.toLowerCase() === 'exclusive');
  const words = all.filter((w) => w.toLowerCase() !== 'exclusive');
  if (words.length > 0)
    throw new UsageError(`Unexpected "${words.join(' ').slice(0, 40)}"; use type: job: server: level:`);
  const unknown = [...options.keys()].filter((key) => !['type', 'job', 'server', 'level'].includes(key));
  if (unknown.length > 0)
    throw new UsageError(`Unknown option ${unknown[0]}:; use type: job: server: level:`);
  const type = options.get('type')?.toLowerCase();
  const types: readonly string[] = [...WATCHABLE_KINDS, ...PROTECTION_KINDS];
  if (type !== undefined && !types.includes(type)) {
    throw new UsageError(`type must be one of ${types.join(', ')}`);
  }
  const level = options.get('level')?.toLowerCase();
  if (level !== undefined && level !== 'warning' && level !== 'failed')
    throw new UsageError('level must be warning or failed');
  const job = options.get('job');
  const server = options.get('server');
  if (job !== undefined) checkPattern(job);
  if (server !== undefined) checkPattern(server, 'server');
  return {
    id,
    channel,
    ...(type ? { type } : {}),
    ...(job ? { job } : {}),
    ...(server ? { server } : {}),
    ...(level ? { level: level as AlertLevel } : {}),
    ...(exclusive ? { exclusive: true } : {}),
  };
}

/** The filter part of a subscription (no id or channel), with only the options it sets. */
export function filterOf(s: Subscription) {
  return {
    ...(s.type ? { type: s.type } : {}),
    ...(s.job ? { job: s.job } : {}),
    ...(s.server ? { server: s.server } : {}),
    ...(s.level ? { level: s.level } : {}),
    ...(s.exclusive ? { exclusive: true } : {}),
  };
}

function nextId(subscriptions: Subscription[]): number {
  return subscriptions.reduce((max, s) => Math.max(max, s.id), 0) + 1;
}

function sameFilter(a: Subscription, b: Subscription): boolean {
  return JSON.stringify(filterOf(a)) === JSON.stringify(filterOf(b));
}
