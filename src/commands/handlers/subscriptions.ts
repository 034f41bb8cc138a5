import { buildErrorView } from '../../views/error-view.js';
import { buildSubscriptionsView } from '../../views/subscriptions-view.js';
import type { CommandContext, CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import { filterOf } from './subscribe.js';

const maker = (by: string | undefined, at: number | undefined) => ({
  ...(by ? { by } : {}),
  ...(at !== undefined ? { at: new Date(at) } : {}),
});

/** `/veeam subscriptions`: this channel's subscriptions, numbered for `unsubscribe`, and every mute. */
export async function subscriptionsCommand(
  _rest: string,
  { channelId }: CommandContext,
  { watcher, clock }: Pick<CommandDeps, 'watcher' | 'clock'>,
) {
  if (!watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const state = watcher.state();
  const items = state.subscriptions
    .filter((s) => s.channel === channelId)
    .map((s, i) => ({ index: i + 1, ...filterOf(s), ...maker(s.by, s.at) }));
  const mutes = state.mutes.map((m) => ({ job: m.job, until: new Date(m.until), ...maker(m.by, m.at) }));
  const rpoOverrides = Object.values(state.rpoOverrides ?? {}).map((o) => ({
    job: o.job,
    ms: o.ms,
    ...maker(o.by, o.at),
  }));
  return buildSubscriptionsView(items, mutes, { now: new Date(clock.now()), rpoOverrides });
}
