import { UsageError } from '../../shared/errors.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { describeSubscription } from '../../watcher/describe-rule.js';
import type { Subscription } from '../../watcher/state.js';
import { unquote } from '../parse-text.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import { announceChange, operatorsOnly, routingOf, saveRoutingChange } from './routing-change.js';

type UnsubscribeDeps = Pick<CommandDeps, 'watcher'> & Partial<Pick<CommandDeps, 'routing' | 'logger'>>;

/**
 * `/veeam unsubscribe <n|all>`: removes subscription n of `subscriptions` (or all) from this channel; someone
 * else's subscription only for operators (when OPERATORS is set).
 */
export async function unsubscribeCommand(
  rest: string,
  { userId, channelId }: CommandContext,
  deps: UnsubscribeDeps,
) {
  const { watcher } = deps;
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const which = unquote(rest).toLowerCase();
  const targets = pick(watcher.state().subscriptions, channelId, which);
  if (targets.some((s) => s.by !== userId) && !(await routingOf(deps).isOperator(userId)))
    throw operatorsOnly("remove someone else's subscription");
  const ids = new Set(targets.map((s) => s.id));
  await saveRoutingChange(watcher, (state) => {
    state.subscriptions = state.subscriptions.filter((s) => !ids.has(s.id));
  });
  for (const removed of targets)
    await announceChange(deps, {
      userId,
      action: 'unsubscribed',
      rule: describeSubscription(removed),
      channel: channelId,
    });
  return buildNoticeView(
    ':no_bell:',
    which === 'all' ? 'Removed every subscription of this channel.' : `Removed subscription ${which}.`,
  );
}

function pick(subscriptions: Subscription[], channelId: string, which: string): Subscription[] {
  const mine = subscriptions.filter((s) => s.channel === channelId);
  if (which === 'all') return mine;
  const n = Number(which);
  const target = Number.isInteger(n) ? mine[n - 1] : undefined;
  if (!target)
    throw new UsageError(`Give a number from \`/veeam subscriptions\` (1-${mine.length}) or \`all\``);
  return [target];
}
