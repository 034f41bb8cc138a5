import { formatDuration, parseDuration } from '../../shared/duration.js';
import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { buildConfirmMuteView } from '../../views/routing-change-view.js';
import { checkPattern } from '../../watcher/glob.js';
import { unquote } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import {
  announceChange,
  countMatches,
  operatorsOnly,
  routingOf,
  saveRoutingChange,
} from './routing-change.js';

const HOUR = 3_600_000;
const MAX_MUTE_MS = 30 * 24 * HOUR;
/** What everyone may do: snooze one job (no wildcard) for at most this long. */
export const MAX_SNOOZE_MS = 24 * HOUR;
/** A glob matching more jobs than this asks to confirm first. */
export const CONFIRM_ABOVE = 10;

type MuteDeps = Pick<CommandDeps, 'watcher' | 'clock' | 'routing' | 'logger' | 'catalog'>;

/** `/veeam mute <job> <duration> [confirm]`: no alerts for that job (a glob, any case) until the mute ends. */
export async function muteCommand(rest: string, { userId, channelId }: CommandContext, deps: MuteDeps) {
  const { watcher, clock } = deps;
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const { job, durationMs, confirmed } = parseMute(rest);
  const isGlob = /[*?]/.test(job);
  if ((isGlob || durationMs > MAX_SNOOZE_MS) && !(await routingOf(deps).isOperator(userId)))
    throw operatorsOnly('mute a pattern or for longer than 24h; snooze one job for up to 24h');
  const jobs = await countMatches(deps, job);
  if (isGlob && !confirmed && jobs !== undefined && jobs > CONFIRM_ABOVE)
    return buildConfirmMuteView({
      pattern: job,
      jobs,
      command: `mute "${job}" ${rest.trim().split(' ').pop()} confirm`,
    });
  const until = clock.now() + durationMs;
  await saveRoutingChange(watcher, (state) => {
    state.mutes = [
      ...state.mutes.filter((m) => m.job.toLowerCase() !== job.toLowerCase()),
      { job, until, by: userId, channel: channelId, at: clock.now() },
    ];
  });
  await announceChange(deps, {
    userId,
    action: isGlob || durationMs > MAX_SNOOZE_MS ? 'muted' : 'snoozed',
    rule: job,
    channel: channelId,
    ...(jobs !== undefined ? { jobs } : {}),
    until: new Date(until),
  });
  return buildNoticeView(':zipper_mouth_face:', `No alerts for ${formatDuration(durationMs)}:`, job);
}

/** `/veeam unmute <job>`: ends the job's mute (someone else's only for operators, when OPERATORS is set). */
export async function unmuteCommand(rest: string, { userId, channelId }: CommandContext, deps: MuteDeps) {
  const { watcher } = deps;
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const job = unquote(rest);
  if (!job) throw new UsageError('Which job? Try `/veeam unmute Fileserver02 Replication`');
  const same = (m: { job: string }) => m.job.toLowerCase() === job.toLowerCase();
  const existing = watcher.state().mutes.filter(same);
  if (existing.length === 0) return buildNoticeView(':information_source:', 'No mute for', job);
  if (existing.some((m) => m.by !== userId) && !(await routingOf(deps).isOperator(userId)))
    throw operatorsOnly("lift someone else's mute");
  await saveRoutingChange(watcher, (state) => {
    state.mutes = state.mutes.filter((m) => !same(m));
  });
  await announceChange(deps, { userId, action: 'lifted the mute of', rule: job, channel: channelId });
  return buildNoticeView(':bell:', 'Alerts are back on for', job);
}

/** Parses `<job> <duration> [confirm]`: the duration is the last word (before `confirm`), the job everything before it. */
export function parseMute(text: string): { job: string; durationMs: number; confirmed: boolean } {
  let trimmed = text.trim();
  const confirmed = /\sconfirm$/i.test(trimmed);
  if (confirmed) trimmed = trimmed.slice(0, -'confirm'.length).trimEnd();
  const space = trimmed.lastIndexOf(' ');
  const job = space === -1 ? '' : unquote(trimmed.slice(0, space));
  const durationMs = space === -1 ? undefined : parseDuration(trimmed.slice(space + 1));
  if (!job || durationMs === undefined || durationMs <= 0)
    throw new UsageError('Try `/veeam mute Fileserver02 Replication 2h`');
  if (durationMs > MAX_MUTE_MS) throw new UsageError('A mute can last at most 30d');
  return { job: checkPattern(job), durationMs, confirmed };
}
