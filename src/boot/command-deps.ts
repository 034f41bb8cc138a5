import { createCatalog } from '../commands/catalog.js';
import type { CommandDeps } from '../commands/types.js';
import type { WatcherPort } from '../commands/watcher-port.js';
import type { Config } from '../config/load-config.js';
import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { EmConnection } from './em-connection.js';

/** The deps of the /veeam commands, built once and shared by both modes (job actions and routing come later). */
export function commandDeps(
  config: Config,
  em: EmConnection,
  logger: Logger,
  watcher: WatcherPort,
): CommandDeps {
  return {
    watcher,
    client: em.client,
    catalog: createCatalog({ client: em.client, clock: systemClock }),
    clock: systemClock,
    logger: logger.child({ part: 'commands' }),
    protection: config.protection,
    digestTimeZone: config.digest.timeZone,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
  };
}
