import type { Config } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createMemoryAlertStore } from '../watcher/alert-store.js';
import type { ChatPort } from '../watcher/chat-port.js';
import { createLowdbAlertStore } from '../watcher/lowdb-alert-store.js';
import { startSchedule, type Schedule } from '../shared/scheduler.js';
import { createWatcher, type Watcher } from '../watcher/watcher.js';

/** Builds the watcher on its store, loads its state (a corrupt file stops here) and starts the schedule. */
export async function startWatcher(deps: {
  config: Config;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
}): Promise<{ watcher: Watcher; schedule: Schedule }> {
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
  return { watcher, schedule };
}
