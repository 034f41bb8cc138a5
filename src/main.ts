import 'dotenv/config';
import { commandDeps } from './boot/command-deps.js';
import { openEm } from './boot/em-connection.js';
import { runConsole } from './boot/run-console.js';
import { runSlack } from './boot/run-slack.js';
import type { Stop } from './boot/run.js';
import { startBanner } from './config/banner.js';
import { createWatcherSlot } from './commands/watcher-port.js';
import { loadConfig, redactConfig } from './config/load-config.js';
import { runDoctor } from './doctor/run-doctor.js';
import { createHealthKit } from './health/health-kit.js';
import { createMetrics } from './metrics/registry.js';
import { systemClock } from './shared/clock.js';
import { isAppError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';

/** The composition root: load config, build the real parts, start them; `doctor` checks a setup instead. */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'doctor') {
    const logger = createLogger({ level: 'silent' });
    process.exitCode = await runDoctor(process.env, {
      write: (line) => process.stdout.write(`${line}\n`),
      logger,
    });
    return;
  }
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  const stops: Stop[] = [];
  const shutdown = async (code: number) => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const health = createHealthKit(createMetrics(), () => systemClock.now());
  const em = await openEm(config, logger.child({ part: 'em' }), health);
  stops.push(() => em.close());
  health.setEmProbe(() => em.client.root());
  for (const line of startBanner(config, { emUrl: em.client.apiBase, dataFile: config.dataFile })) {
    process.stdout.write(`${line}\n`);
  }
  const watcher = createWatcherSlot();
  const deps = commandDeps(config, em, logger, watcher.port);
  const bindWatcher = watcher.bind;
  const run = { deps, bindWatcher, logger, stops, health };
  if (config.mode === 'slack') await runSlack(config, em, run);
  else if (await runConsole(config, em, run)) await shutdown(0);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
