import cron from 'node-cron';
import type { Logger } from '../shared/logger.js';

export interface Schedule {
  /** Runs the job once now (as the schedule would), waiting for it. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** True when node-cron accepts the expression (five fields, or six with seconds). */
export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/**
 * Runs `job` on a node-cron schedule with overlap prevention: a slow poll is never overlapped by the next
 * one (that tick is skipped). Errors are logged, never thrown into node-cron.
 */
export function startSchedule(expression: string, job: () => Promise<void>, logger: Logger): Schedule {
  routeCronLogs(logger);
  let inFlight: Promise<void> | undefined;
  // node-cron skips a tick while the job runs (noOverlap); runNow joins the running poll for the same reason.
  const safeJob = (): Promise<void> =>
    (inFlight ??= job()
      .catch((error: unknown) => {
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'scheduled poll crashed',
        );
      })
      .finally(() => {
        inFlight = undefined;
      }));
  const task = cron.schedule(expression, safeJob, { name: 'veeam-watcher', noOverlap: true });
  return {
    runNow: safeJob,
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}

/**
 * node-cron prints its own coloured lines to the console, one per skipped tick while a slow poll runs;
 * send them to our logger instead, the skipped ticks at debug level (a slow poll is expected, not news).
 */
function routeCronLogs(logger: Logger): void {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  cron.setLogger({
    info: (message) => logger.debug({ source: 'node-cron' }, message),
    warn: (message) => logger.debug({ source: 'node-cron' }, message),
    error: (message, err) => logger.error({ source: 'node-cron', err: err?.message }, text(message)),
    debug: (message) => logger.debug({ source: 'node-cron' }, text(message)),
  });
}
