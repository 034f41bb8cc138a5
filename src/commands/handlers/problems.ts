import { problemsSince, runningNow } from '../../em/queries.js';
import { parseDuration } from '../../shared/duration.js';
import { buildProblemsView } from '../../views/problems-view.js';
import { UsageError } from '../../shared/errors.js';
import { unquote } from '../parse-text.js';
import type { CommandHandler } from '../types.js';

const PER_KIND_LIMIT = 200;
const MAX_WINDOW_MS = 31 * 24 * 3_600_000;

/** `/veeam failures [window]`: what ended with Warning or Failed in the window (default 24h), by job. */
export const failuresCommand: CommandHandler = async (rest, _context, deps) => {
  const window = unquote(rest) || '24h';
  const windowMs = parseDuration(window);
  if (windowMs === undefined || windowMs <= 0)
    throw new UsageError(`"${window.slice(0, 40)}" is not a window; try 24h or 7d`);
  if (windowMs > MAX_WINDOW_MS) throw new UsageError('The window can be at most 31d');
  const now = deps.clock.now();
  const sessions = await problemsSince(deps.client, new Date(now - windowMs), PER_KIND_LIMIT);
  return buildProblemsView('Failures and warnings', sessions, {
    window,
    now: new Date(now),
    shareCommand: `failures ${window}`,
  });
};

/** `/veeam running`: every session in progress now, by job. */
export const runningCommand: CommandHandler = async (rest, _context, deps) => {
  if (unquote(rest)) throw new UsageError('`running` takes no arguments');
  return buildProblemsView('Running now', await runningNow(deps.client, PER_KIND_LIMIT), {
    now: new Date(deps.clock.now()),
    shareCommand: 'running',
  });
};
