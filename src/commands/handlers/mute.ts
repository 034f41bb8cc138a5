import { formatDuration, parseDuration } from '../../shared/duration.js';
import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { checkPattern } from '../../watcher/glob.js';
import { unquote } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

const MAX_MUTE_MS = 30 * 24 * 3_600_000;

/** `/veeam mute <job> <duration>`: no alerts for that job (a glob, any case) until the mute ends. */
export async function muteCommand(
  rest: string,
  { userId, channelId }: CommandContext,
  { watcher, clock }: Pick<CommandDeps, 'watcher' | 'clock'>,
) {
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const { job, durationMs } = parseMute(rest);
  const state = watcher.state();
  state.mutes = [
    ...state.mutes.filter((m) => m.job.toLowerCase() !== job.toLowerCase()),
    { job, until: clock.now() + durationMs, by: userId, channel: channelId },
  ];
  await watcher.persist();
  return buildNoticeView(':zipper_mouth_face:', `No alerts for ${formatDuration(durationMs)}:`, job);
}

/** `/veeam unmute <job>`: ends the job's mute. */
export async function unmuteCommand(
  rest: string,
  _context: CommandContext,
  { watcher }: Pick<CommandDeps, 'watcher'>,
) {
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const job = unquote(rest);
  if (!job) throw new UsageError('Which job? Try `/veeam unmute Fileserver02 Replication`');
  const state = watcher.state();
  const before = state.mutes.length;
  state.mutes = state.mutes.filter((m) => m.job.toLowerCase() !== job.toLowerCase());
  if (state.mutes.length === before) return buildNoticeView(':information_source:', 'No mute for', job);
  await watcher.persist();
  return buildNoticeView(':bell:', 'Alerts are back on for', job);
}

/** Parses `<job> <duration>`: the duration is the last word, the job everything before it. */
export function parseMute(text: string): { job: string; durationMs: number } {
  const trimmed = text.trim();
  const space = trimmed.lastIndexOf(' ');
  const job = space === -1 ? '' : unquote(trimmed.slice(0, space));
  const durationMs = space === -1 ? undefined : parseDuration(trimmed.slice(space + 1));
  if (!job || durationMs === undefined || durationMs <= 0)
    throw new UsageError('Try `/veeam mute Fileserver02 Replication 2h`');
  if (durationMs > MAX_MUTE_MS) throw new UsageError('A mute can last at most 30d');
  return { job: checkPattern(job), durationMs };
}
