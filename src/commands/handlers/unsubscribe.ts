import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { unquote } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

/** `/veeam unsubscribe <n|all>`: removes subscription n of `subscriptions` (or all) from this channel. */
export async function unsubscribeCommand(
  rest: string,
  { channelId }: CommandContext,
  { watcher }: Pick<CommandDeps, 'watcher'>,
) {
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const which = unquote(rest).toLowerCase();
  const state = watcher.state();
  if (which === 'all') {
    state.subscriptions = state.subscriptions.filter((s) => s.channel !== channelId);
  } else {
    const mine = state.subscriptions.filter((s) => s.channel === channelId);
    const n = Number(which);
    const target = Number.isInteger(n) ? mine[n - 1] : undefined;
    if (!target)
      throw new UsageError(`Give a number from \`/veeam subscriptions\` (1-${mine.length}) or \`all\``);
    state.subscriptions = state.subscriptions.filter((s) => s.id !== target.id);
  }
  await watcher.persist();
  return buildNoticeView(
    ':no_bell:',
    which === 'all' ? 'Removed every subscription of this channel.' : `Removed subscription ${which}.`,
  );
}
