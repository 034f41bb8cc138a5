import type { SubscriptionCommands } from '../commands/subscription-commands.js';
import { parseOptions, unquote, usageError } from '../commands/parse-command.js';
import { WATCHABLE_KINDS } from '../config/schema.js';
import type { Clock } from '../shared/clock.js';
import { formatDuration, parseDuration } from '../shared/duration.js';
import { buildNoticeView } from '../views/notice-view.js';
import { buildSubscriptionsView } from '../views/subscriptions-view.js';
import type { AlertLevel, Subscription, WatcherState } from './state.js';

const MAX_MUTE_MS = 30 * 24 * 3_600_000;
const MAX_PATTERN = 200;

/** `/veeam subscribe|subscriptions|unsubscribe|mute|unmute` over the watcher's state. */
export function createSubscriptionCommands(deps: {
  state: () => WatcherState;
  persist: () => Promise<void>;
  clock: Clock;
}): SubscriptionCommands {
  const inChannel = (channel: string) => deps.state().subscriptions.filter((s) => s.channel === channel);
  return {
    async subscribe(rest, { channelId }) {
      const subscription = parseSubscription(rest, channelId, nextId(deps.state()));
      const duplicate = inChannel(channelId).find((s) => sameFilter(s, subscription));
      if (duplicate)
        return buildNoticeView(':information_source:', 'This channel already has that subscription.');
      deps.state().subscriptions.push(subscription);
      await deps.persist();
      return buildNoticeView(':bell:', 'Alerts for this channel:', describe(subscription));
    },
    async list({ channelId }) {
      const now = deps.clock.now();
      const items = inChannel(channelId).map((s, i) => ({ index: i + 1, ...pick(s) }));
      const mutes = deps.state().mutes.map((m) => ({ job: m.job, until: new Date(m.until) }));
      return buildSubscriptionsView(items, mutes, { now: new Date(now) });
    },
    async unsubscribe(rest, { channelId }) {
      const which = unquote(rest).toLowerCase();
      const mine = inChannel(channelId);
      const state = deps.state();
      if (which === 'all') {
        state.subscriptions = state.subscriptions.filter((s) => s.channel !== channelId);
      } else {
        const n = Number(which);
        const target = Number.isInteger(n) ? mine[n - 1] : undefined;
        if (!target)
          throw usageError(`Give a number from \`/veeam subscriptions\` (1-${mine.length}) or \`all\``);
        state.subscriptions = state.subscriptions.filter((s) => s.id !== target.id);
      }
      await deps.persist();
      return buildNoticeView(
        ':no_bell:',
        which === 'all' ? 'Removed every subscription of this channel.' : `Removed subscription ${which}.`,
      );
    },
    async mute(rest, { userId, channelId }) {
      const { job, durationMs } = parseMute(rest);
      const until = deps.clock.now() + durationMs;
      const state = deps.state();
      state.mutes = [
        ...state.mutes.filter((m) => m.job.toLowerCase() !== job.toLowerCase()),
        { job, until, by: userId, channel: channelId },
      ];
      await deps.persist();
      return buildNoticeView(':zipper_mouth_face:', `No alerts for ${formatDuration(durationMs)}:`, job);
    },
    async unmute(rest) {
      const job = unquote(rest);
      if (!job) throw usageError('Which job? Try `/veeam unmute Fileserver02 Replication`');
      const state = deps.state();
      const before = state.mutes.length;
      state.mutes = state.mutes.filter((m) => m.job.toLowerCase() !== job.toLowerCase());
      if (state.mutes.length === before) return buildNoticeView(':information_source:', 'No mute for', job);
      await deps.persist();
      return buildNoticeView(':bell:', 'Alerts are back on for', job);
    },
  };
}

/** Parses `[type:<type>] [job:<name or glob>] [server:<name>] [level:warning|failed]`. */
export function parseSubscription(text: string, channel: string, id: number): Subscription {
  const { options, words } = parseOptions(text);
  if (words.length > 0)
    throw usageError(`Unexpected "${words.join(' ').slice(0, 40)}"; use type: job: server: level:`);
  const unknown = [...options.keys()].filter((key) => !['type', 'job', 'server', 'level'].includes(key));
  if (unknown.length > 0) throw usageError(`Unknown option ${unknown[0]}:; use type: job: server: level:`);
  const type = options.get('type')?.toLowerCase();
  if (type !== undefined && !(WATCHABLE_KINDS as readonly string[]).includes(type)) {
    throw usageError(`type must be one of ${WATCHABLE_KINDS.join(', ')}`);
  }
  const level = options.get('level')?.toLowerCase();
  if (level !== undefined && level !== 'warning' && level !== 'failed')
    throw usageError('level must be warning or failed');
  const job = options.get('job');
  const server = options.get('server');
  if ((job?.length ?? 0) > MAX_PATTERN || (server?.length ?? 0) > MAX_PATTERN)
    throw usageError('That name is too long');
  return {
    id,
    channel,
    ...(type ? { type } : {}),
    ...(job ? { job } : {}),
    ...(server ? { server } : {}),
    ...(level ? { level: level as AlertLevel } : {}),
  };
}

/** Parses `<job> <duration>`: the duration is the last word, the job everything before it. */
export function parseMute(text: string): { job: string; durationMs: number } {
  const trimmed = text.trim();
  const space = trimmed.lastIndexOf(' ');
  const job = space === -1 ? '' : unquote(trimmed.slice(0, space));
  const durationMs = space === -1 ? undefined : parseDuration(trimmed.slice(space + 1));
  if (!job || durationMs === undefined || durationMs <= 0)
    throw usageError('Try `/veeam mute Fileserver02 Replication 2h`');
  if (durationMs > MAX_MUTE_MS) throw usageError('A mute can last at most 30d');
  if (job.length > MAX_PATTERN) throw usageError('That name is too long');
  return { job, durationMs };
}

function nextId(state: WatcherState): number {
  return state.subscriptions.reduce((max, s) => Math.max(max, s.id), 0) + 1;
}

function pick(s: Subscription) {
  return {
    ...(s.type ? { type: s.type } : {}),
    ...(s.job ? { job: s.job } : {}),
    ...(s.server ? { server: s.server } : {}),
    ...(s.level ? { level: s.level } : {}),
  };
}

function sameFilter(a: Subscription, b: Subscription): boolean {
  return JSON.stringify(pick(a)) === JSON.stringify(pick(b));
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
