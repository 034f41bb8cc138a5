import { WATCHABLE_KINDS } from '../../config/schema.js';
import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { checkPattern } from '../../watcher/glob.js';
import type { AlertLevel, Subscription } from '../../watcher/state.js';
import { parseOptions } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

/** `/veeam subscribe [type:] [job:] [server:] [level:]`: alerts matching the filter also go to this channel. */
export async function subscribeCommand(
  rest: string,
  { channelId }: CommandContext,
  { watcher }: Pick<CommandDeps, 'watcher'>,
) {
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const state = watcher.state();
  const subscription = parseSubscription(rest, channelId, nextId(state.subscriptions));
  const duplicate = state.subscriptions.find((s) => s.channel === channelId && sameFilter(s, subscription));
  if (duplicate)
    return buildNoticeView(':information_source:', 'This channel already has that subscription.');
  state.subscriptions.push(subscription);
  await watcher.persist();
  return buildNoticeView(':bell:', 'Alerts for this channel:', describe(subscription));
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
  if (type !== undefined && !(WATCHABLE_KINDS as readonly string[]).includes(type)) {
    throw new UsageError(`type must be one of ${WATCHABLE_KINDS.join(', ')}`);
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

function describe(s: Subscription): string {
  const parts = [
    `type ${s.type ?? 'any'}`,
    `job ${s.job ?? 'any'}`,
    `server ${s.server ?? 'any'}`,
    s.level === 'failed' ? 'failed only' : 'warning and failed',
  ];
  return parts.join(' · ');
}
