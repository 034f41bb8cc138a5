import { attachCharts, type PreparedDigest } from '../../digest/post-digest.js';
import { digestWithChart, gatherDigestFor, type DigestOptions } from '../../digest/prepare-digest.js';
import { buildDigestView } from '../../digest/digest-view.js';
import { hostTimeZone, localDate } from '../../digest/local-time.js';
import { parseDuration } from '../../shared/duration.js';
import { UsageError } from '../../shared/errors.js';
import { buildSharedCopyView } from '../../views/shared-copy-view.js';
import type { WatcherState } from '../../watcher/state.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import { unquote } from '../parse-text.js';
import type { CommandDeps, CommandHandler } from '../types.js';

const MAX_WINDOW_MS = 31 * 24 * 3_600_000;

/** The digest's options for `/veeam report [window]`: the window (default 24h, at most 31d) on the bot's clock. */
function reportOptions(rest: string, deps: CommandDeps): DigestOptions {
  const label = unquote(rest) || '24h';
  const ms = parseDuration(label);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`"${label.slice(0, 40)}" is not a window; try 24h or 7d`);
  if (ms > MAX_WINDOW_MS) throw new UsageError('The window can be at most 31d');
  const timeZone = deps.digestTimeZone ?? hostTimeZone();
  const nowMs = deps.clock.now();
  const state = watcherState(deps);
  return {
    nowMs,
    date: localDate(nowMs, timeZone),
    late: false,
    timeZone,
    repoWarnPercent: deps.protection?.repoWarnPercent ?? 15,
    repoCritPercent: deps.protection?.repoCritPercent ?? 5,
    ...(deps.protection?.rpoDefaultMs !== undefined ? { rpoDefaultMs: deps.protection.rpoDefaultMs } : {}),
    window: { ms, label },
    shareCommand: `report ${label}`,
    ...(state ? { state } : {}),
  };
}

/** The watcher's state for open incidents, or undefined when no watcher runs (the digest then lists none). */
function watcherState(deps: CommandDeps): WatcherState | undefined {
  try {
    return deps.watcher?.state();
  } catch (error) {
    deps.logger.debug({ err: String(error) }, 'report without the watcher state: no incidents listed');
    return undefined;
  }
}

/** `/veeam report [window]`: the digest on demand, without its chart (an ephemeral answer cannot carry a file). */
export const reportCommand: CommandHandler = async (rest, _context, deps) => {
  const opts = reportOptions(rest, deps);
  return buildDigestView(await gatherDigestFor(deps.client, opts), {
    date: opts.date,
    ...(opts.shareCommand ? { shareCommand: opts.shareCommand } : {}),
  });
};

const REPORT_TEXT = /^\s*report(?:\s+(.*))?$/iu;

/** Whether a Share button's command is a `report` (its share also uploads the chart). */
export function isReportCommand(text: string): boolean {
  return REPORT_TEXT.test(text);
}

/** A `report [window]` text's digest with its chart (the console's `/veeam report` and the share). */
export async function prepareReport(text: string, deps: CommandDeps): Promise<PreparedDigest> {
  const opts = reportOptions(REPORT_TEXT.exec(text)?.[1] ?? '', deps);
  return digestWithChart(await gatherDigestFor(deps.client, opts), opts);
}

/**
 * `Share in channel` of a report: the digest posted in the channel (who shared it under it), then its charts (the
 * 7-day trend, repository usage when repositories exist) uploaded and shown in it as image blocks, or shared in
 * its thread when Slack refuses the blocks.
 */
export async function shareReport(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  const prepared = await prepareReport(click.value, deps);
  const { channelId, userId } = click.context;
  const shared = (m: typeof prepared.message) => buildSharedCopyView(m, { sharedBy: userId });
  const posted = await io.chat.post({ channel: channelId, ...shared(prepared.message) });
  const { withCharts } = prepared;
  await attachCharts({ chat: io.chat, logger: deps.logger }, channelId, posted.ts, {
    ...prepared,
    ...(withCharts ? { withCharts: (ids) => shared(withCharts(ids)) } : {}),
  });
  await io.dismiss();
}
