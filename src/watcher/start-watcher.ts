import type { Config } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort } from '../watcher/chat-port.js';
import { startSchedule, type Schedule } from '../shared/scheduler.js';
import { leaderOnlyChat } from '../store/leader-chat.js';
import type { Leadership } from '../store/leadership.js';
import { openStateStore, type StateHooks } from '../store/open-state-store.js';
import type { StateStore } from '../store/state-store.js';
import { createWatcher, type PollReport, type Watcher } from '../watcher/watcher.js';
import { startDigest, startProtection, type DigestSchedule, type ProtectionSchedule } from './start-loops.js';

/** What startWatcher built: the watcher, its schedule, the store and who leads (to gate other jobs). */
export interface StartedWatcher {
  watcher: Watcher;
  schedule: Schedule;
  store: StateStore;
  leadership: Leadership;
  /** WATCH_PROTECTION's loop; absent when it is off. */
  protection?: ProtectionSchedule;
  /** The daily digest; absent when DIGEST_CHANNELS is off. */
  digest?: DigestSchedule;
}

/**
 * Builds the watcher on its store, loads its state (a corrupt file stops here) and starts the schedule. Every
 * replica loads the state (commands need it); only the lease holder polls. A replica that takes the lease
 * reads the state again and polls at once, which first settles what the old leader left pending.
 */
export async function startWatcher(deps: {
  config: Config;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
  hooks?: StateHooks & {
    onPoll?: (report: PollReport, ms: number) => void;
    onLoop?: (loop: 'protection' | 'digest') => void;
  };
}): Promise<StartedWatcher> {
  const { config, logger } = deps;
  const { store, leadership, setFence } = await openStateStore(config, logger, deps.hooks);
  const watcher = createWatcher({
    client: deps.client,
    chat: store.shared ? leaderOnlyChat(deps.chat, leadership) : deps.chat,
    // A click is answered by the replica that got it: updating the clicked message is not an alert.
    clickChat: deps.chat,
    store,
    clock: deps.clock,
    logger: logger.child({ part: 'watcher' }),
    config: config.watcher,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
    ...(config.jobActions.enabled ? { jobActions: true } : {}),
  });
  await watcher.start();
  const job = async () => {
    if (store.shared) await watcher.reload();
    if (!leadership.isLeader()) return;
    const started = deps.clock.now();
    const report = await watcher.runOnce();
    const ms = deps.clock.now() - started;
    deps.hooks?.onPoll?.(report, ms);
    logger.debug({ report, ms }, 'poll done');
  };
  const schedule = startSchedule(config.watcher.schedule, job, logger);
  if (store.shared) followLease(leadership, { watcher, setFence, schedule, logger });
  await leadership.start();
  // The slower loops post through the same leader-only chat and run only on the leader.
  const loops = {
    ...deps,
    chat: store.shared ? leaderOnlyChat(deps.chat, leadership) : deps.chat,
    leadership,
  };
  const digest = config.digest.channels.length > 0 ? startDigest(loops, watcher) : undefined;
  const protection = config.protection.enabled ? startProtection(loops, watcher) : undefined;
  return {
    watcher,
    schedule,
    store,
    leadership,
    ...(digest ? { digest } : {}),
    ...(protection ? { protection } : {}),
  };
}

/** Taking the lease: carry its token, read the state afresh, poll now. Losing it: drop what was not saved. */
function followLease(
  leadership: Leadership,
  parts: { watcher: Watcher; setFence(token: bigint | undefined): void; schedule: Schedule; logger: Logger },
): void {
  leadership.onLeadership((leader) => {
    // The token is carried from the start (a save racing the reload is fenced); dropped only after it.
    if (leader) parts.setFence(leadership.fencing());
    const change = leader
      ? parts.watcher.reload().then(() => void parts.schedule.runNow())
      : parts.watcher.reload().then(() => parts.setFence(undefined));
    change.catch((error: unknown) => {
      parts.logger.error({ err: String(error) }, 'could not read the state after a lease change');
    });
  });
}
