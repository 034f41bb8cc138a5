import { AppError, ErrorCode } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import { buildRoutingChangeView, type RoutingChange } from '../../views/routing-change-view.js';
import { matchGlob } from '../../watcher/glob.js';
import type { WatcherState } from '../../watcher/state.js';
import { OPEN_ROUTING, type RoutingPort } from '../routing-port.js';
import type { CommandDeps } from '../types.js';
import type { WatcherPort } from '../watcher-port.js';

/** The routing port of the deps, or the open one (everyone an operator, nothing announced). */
export const routingOf = (deps: Partial<Pick<CommandDeps, 'routing'>>): RoutingPort =>
  deps.routing ?? OPEN_ROUTING;

/**
 * Applies a change to the subscriptions, mutes and RPO overrides and saves it. The change counts only once saved: if the
 * save fails (a full disk), the state is put back and the user is told nothing changed.
 */
export async function saveRoutingChange(
  watcher: WatcherPort,
  apply: (state: WatcherState) => void,
): Promise<void> {
  const state = watcher.state();
  const before = { subscriptions: state.subscriptions, mutes: state.mutes, rpoOverrides: state.rpoOverrides };
  state.subscriptions = structuredClone(before.subscriptions);
  state.mutes = structuredClone(before.mutes);
  state.rpoOverrides = structuredClone(before.rpoOverrides);
  apply(state);
  try {
    await watcher.persist();
  } catch (error) {
    state.subscriptions = before.subscriptions;
    state.mutes = before.mutes;
    state.rpoOverrides = before.rpoOverrides;
    const why = error instanceof AppError ? error.message : String(error);
    throw new AppError(ErrorCode.StateFile, `routing change not saved: ${why}`, {
      cause: error,
      userMessage:
        'Not saved, so nothing changed: the bot cannot write its state file (is the disk full?). Ask whoever runs the bot.',
    });
  }
}

/** Writes the audit log line of a routing change and announces it in ALERT_CHANNEL and the channel concerned. */
export async function announceChange(
  deps: Partial<Pick<CommandDeps, 'routing' | 'logger'>>,
  change: RoutingChange,
): Promise<void> {
  (deps.logger ?? silentLogger).info(
    {
      audit: true,
      user: change.userId,
      action: change.action,
      rule: change.rule,
      channel: change.channel,
      jobs: change.jobs,
      until: change.until?.toISOString(),
    },
    'routing change',
  );
  await routingOf(deps).announce(buildRoutingChangeView(change), change.channel ? [change.channel] : []);
}

/** How many known jobs, policies and plans a pattern matches; undefined when the catalog cannot say. */
export async function countMatches(
  deps: Partial<Pick<CommandDeps, 'catalog' | 'logger'>>,
  pattern: string | undefined,
): Promise<number | undefined> {
  if (!deps.catalog || pattern === undefined) return undefined;
  try {
    const entries = await deps.catalog.entries();
    return entries.filter((e) => e.kind !== 'vm' && matchGlob(pattern, e.name)).length;
  } catch (error) {
    // The count is information for the announcement; the change itself does not depend on it.
    (deps.logger ?? silentLogger).warn(
      { err: String(error) },
      'could not count the jobs a routing rule matches',
    );
    return undefined;
  }
}

/** The refusal when a non-operator asks for what only OPERATORS may do. */
export function operatorsOnly(what: string): AppError {
  return new AppError(ErrorCode.CommandUsage, `operators only: ${what}`, {
    userMessage: `Only operators (OPERATORS) can ${what}.`,
  });
}
