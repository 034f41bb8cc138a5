import type { Config } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createMemoryAlertStore } from '../watcher/alert-store.js';
import type { ChatPort } from '../watcher/chat-port.js';
import { createLowdbAlertStore } from '../watcher/lowdb-alert-store.js';
import { startSchedule, type Schedule } from '../shared/scheduler.js';
import { createWatcher, type Watcher } from '../watcher/watcher.js';
import { createProtectionLoop, type ProtectionLoop } from '../watcher/protection-loop.js';
import { createDigestLoop, type DigestLoop } from '../digest/digest-loop.js';

/**
 * Builds the watcher on its store, loads its state (a corrupt file stops here) and starts the schedule; with
 * WATCH_PROTECTION, the protection loop too, on its own schedule over the same state.
 */
export async function startWatcher(deps: {
  config: Config;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
}): Promise<{
  watcher: Watcher;
  schedule: Schedule;
  protection?: ProtectionSchedule;
  digest?: DigestSchedule;
}> {
  const { config } = deps;
  const store = config.dataFile ? createLowdbAlertStore(config.dataFile) : createMemoryAlertStore();
  const watcher = createWatcher({
    client: deps.client,
    chat: deps.chat,
    store,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'watcher' }),
    config: config.watcher,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
  });
  await watcher.start();
  const schedule = startSchedule(
    config.watcher.schedule,
    async () => {
      const report = await watcher.runOnce();
      deps.logger.debug({ report }, 'poll done');
    },
    deps.logger,
  );
  const digest = config.digest.channels.length > 0 ? startDigest(deps, watcher) : undefined;
  const started = { watcher, schedule, ...(digest ? { digest } : {}) };
  if (!config.protection.enabled) return started;
  return { ...started, protection: startProtection(deps, watcher) };
}

/** The digest is checked every minute: it is due at a minute of the day (DIGEST_TIME). */
const DIGEST_SCHEDULE = '* * * * *';

/** The daily digest loop and its schedule. */
export interface DigestSchedule {
  loop: DigestLoop;
  schedule: Schedule;
}

/** The one place the digest runs: a leader-only deployment gates `loop.runOnce` here. */
function startDigest(
  deps: { config: Config; client: EmClient; chat: ChatPort; clock: Clock; logger: Logger },
  watcher: Watcher,
): DigestSchedule {
  const loop = createDigestLoop({
    state: () => watcher.state(),
    save: () => watcher.persist(),
    client: deps.client,
    chat: deps.chat,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'digest' }),
    digest: deps.config.digest,
    repoWarnPercent: deps.config.protection.repoWarnPercent,
    // The demo posts one digest about a minute after start, so a newcomer sees it.
    ...(deps.config.mode === 'local-demo' ? { demoDueAtMs: deps.clock.now() + 60_000 } : {}),
  });
  const schedule = startSchedule(
    DIGEST_SCHEDULE,
    async () => {
      const report = await loop.runOnce();
      deps.logger.debug({ report }, 'digest check done');
    },
    deps.logger,
  );
  return { loop, schedule };
}

/** The protection loop and its schedule. */
export interface ProtectionSchedule {
  loop: ProtectionLoop;
  schedule: Schedule;
}

function startProtection(
  deps: { config: Config; client: EmClient; chat: ChatPort; clock: Clock; logger: Logger },
  watcher: Watcher,
): ProtectionSchedule {
  const { config } = deps;
  const loop = createProtectionLoop({
    state: () => watcher.state(),
    save: () => watcher.persist(),
    client: deps.client,
    chat: deps.chat,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'protection' }),
    config: config.watcher,
    protection: config.protection,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
  });
  const schedule = startSchedule(
    config.protection.schedule,
    async () => {
      const report = await loop.runOnce();
      deps.logger.debug({ report }, 'protection check done');
    },
    deps.logger,
  );
  return { loop, schedule };
}
