import { createRoutingPort } from '../commands/routing-port.js';
import { createJobOperators } from '../commands/job-actions/operators.js';
import type { Config } from '../config/load-config.js';
import { observeWatcher, watcherHooks } from '../health/watcher-health.js';
import { systemClock } from '../shared/clock.js';
import { createGroupMembers } from '../slack/user-groups.js';
import { createSlackWebClient } from '../slack/web-client.js';
import { createStateActionLedger } from '../store/state-action-ledger.js';
import { createTokenSpend } from '../store/token-spend.js';
import type { ChatPort } from '../watcher/chat-port.js';
import { createFailoverFollowing, type FailoverFollowPort } from '../watcher/failovers.js';
import { startWatcher } from '../watcher/start-watcher.js';
import type { EmConnection } from './em-connection.js';
import type { Run } from './run.js';

/**
 * Starts the watcher, the protection loop and the digest on `chat`, registers their stops, and fills in what the
 * commands need of them (the watcher, routing, the job actions' ledger); the first poll starts at once.
 */
export async function startAlerts(
  config: Config,
  em: EmConnection,
  chat: ChatPort,
  run: Run,
): Promise<FailoverFollowPort> {
  const { logger, stops } = run;
  const { watcher, schedule, store, leadership, protection, digest } = await startWatcher({
    config,
    client: em.client,
    chat,
    clock: systemClock,
    logger,
    hooks: watcherHooks(run.health),
  });
  observeWatcher(run.health, { watcher, store, leadership });
  stops.push(() => store.close());
  stops.push(() => leadership.stop());
  stops.push(() => schedule.stop());
  if (protection) stops.push(() => protection.schedule.stop());
  if (digest) stops.push(() => digest.schedule.stop());
  run.bindWatcher(watcher);
  run.actionLedger = store.actionLedger ?? createStateActionLedger(watcher);
  run.spendToken = createTokenSpend(store, watcher);
  // In the console the local user is the operator; in Slack OPERATORS decides.
  run.deps.routing = createRoutingPort({
    operators: config.mode === 'slack' ? config.operators : undefined,
    ...(config.mode === 'slack' && config.operators?.some((id) => id.startsWith('S'))
      ? {
          groupCheck: createJobOperators({
            operators: config.operators,
            members: createGroupMembers(createSlackWebClient(config.slack)),
            clock: systemClock,
            logger: logger.child({ part: 'operators' }),
          }).isOperator,
        }
      : {}),
    alertChannel: config.watcher.alertChannel,
    chat,
    logger: logger.child({ part: 'routing' }),
  });
  void schedule.runNow();
  if (protection) void protection.schedule.runNow();
  // A digest missed while the bot was down goes out as soon as it is back, not at the next minute.
  if (digest) void digest.schedule.runNow();
  return createFailoverFollowing(watcher, () => systemClock.now());
}
