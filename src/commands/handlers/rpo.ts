import { jobsNamed } from '../../em/estate.js';
import { formatDuration, parseDuration } from '../../shared/duration.js';
import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { unquote } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import { announceChange, operatorsOnly, routingOf, saveRoutingChange } from './routing-change.js';

const USAGE = 'Try `/veeam rpo Fileserver02 Replication 36h` or `/veeam rpo Fileserver02 Replication auto`';
/** The shortest override: protection checks run every few minutes, so a shorter RPO would only flap. */
export const MIN_RPO_OVERRIDE_MS = 15 * 60_000;

type RpoDeps = Pick<CommandDeps, 'watcher' | 'client' | 'clock' | 'routing' | 'logger'>;

/**
 * `/veeam rpo <job> <duration|auto>`: sets (or, with `auto`, clears) a job's RPO override in the watcher's
 * state, as a routing change: operators only when OPERATORS is set, saved or rolled back, announced, audited.
 */
export async function rpoCommand(rest: string, { userId, channelId }: CommandContext, deps: RpoDeps) {
  const { watcher, clock } = deps;
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const { job: asked, durationMs } = parseRpo(rest);
  if (!(await routingOf(deps).isOperator(userId))) throw operatorsOnly('change a job’s RPO');
  const [job] = await jobsNamed(deps.client, asked, 1);
  if (!job) throw new UsageError(`No job named ${asked}. ${USAGE}`);
  await saveRoutingChange(watcher, (state) => {
    const overrides = { ...state.rpoOverrides };
    if (durationMs === undefined) delete overrides[job.uid];
    else overrides[job.uid] = { ms: durationMs, by: userId, at: clock.now(), job: job.name };
    state.rpoOverrides = overrides;
  });
  const action =
    durationMs === undefined
      ? 'set back to auto the RPO of'
      : `set an RPO of ${formatDuration(durationMs)} on`;
  await announceChange(deps, { userId, action, rule: job.name, channel: channelId });
  return durationMs === undefined
    ? buildNoticeView(':repeat:', 'RPO back to RPO_DEFAULT or learned for', job.name)
    : buildNoticeView(':stopwatch:', `RPO ${formatDuration(durationMs)} for`, job.name);
}

/** Parses `<job> <duration|auto>`: the last word is the duration or `auto`, the job everything before it. */
export function parseRpo(text: string): { job: string; durationMs: number | undefined } {
  const trimmed = text.trim();
  const cut = trimmed.lastIndexOf(' ');
  if (cut < 0) throw new UsageError(`Which job, and which RPO? ${USAGE}`);
  const job = unquote(trimmed.slice(0, cut));
  const last = trimmed.slice(cut + 1).toLowerCase();
  if (!job) throw new UsageError(`Which job? ${USAGE}`);
  if (last === 'auto') return { job, durationMs: undefined };
  const durationMs = parseDuration(last);
  if (durationMs === undefined || durationMs < MIN_RPO_OVERRIDE_MS)
    throw new UsageError(`The RPO is a duration of at least 15m (like 36h or 2d), or auto. ${USAGE}`);
  return { job, durationMs };
}
