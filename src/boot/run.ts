import type { CommandDeps } from '../commands/types.js';
import type { WatcherPort } from '../commands/watcher-port.js';
import type { Config } from '../config/load-config.js';
import { startHealthServer } from '../health/health-server.js';
import type { HealthKit } from '../health/health-kit.js';
import type { Logger } from '../shared/logger.js';
import type { ActionLedger } from '../store/action-ledger.js';
import type { SpendToken } from '../store/token-spend.js';

/** Stops one started part; main runs them in reverse order on SIGINT, SIGTERM or the console's end. */
export type Stop = () => Promise<void>;

/** What both modes share: the command deps (built once) and how to attach the watcher they talk to. */
export interface Run {
  deps: CommandDeps;
  bindWatcher: (watcher: WatcherPort) => void;
  logger: Logger;
  stops: Stop[];
  /** Metrics and readiness, filled in as the parts start; served on PORT or HEALTH_PORT. */
  health: HealthKit;
  /** Job actions' ledger, from the store once the watcher started (PostgreSQL's tables, else the state). */
  actionLedger?: ActionLedger;
  spendToken?: SpendToken;
}

/** The health endpoints on HEALTH_HOST:HEALTH_PORT (Socket Mode and the console; HTTP mode serves them on PORT). */
export async function serveHealth(config: Config, run: Run): Promise<void> {
  // A busy port (a second replica on the same host) must not stop the alerts: say so and run without them.
  const server = await startHealthServer(run.health.routes(), config.health).catch((error: unknown) => {
    run.logger.error({ err: String(error), port: config.health.port }, 'health endpoints not served');
    return undefined;
  });
  if (!server) return;
  run.stops.push(() => server.stop());
  run.logger.info({ port: server.port, host: config.health.host }, 'health endpoints listening');
}
