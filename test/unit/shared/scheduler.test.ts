import type { Logger } from '../../../src/shared/logger.js';
import { isValidSchedule, startSchedule, type Schedule } from '../../../src/shared/scheduler.js';

/** A logger that keeps its lines, to see what the scheduler reported. */
function recordingLogger(): Logger & { lines: Array<{ level: string; message?: string }> } {
  const lines: Array<{ level: string; message?: string }> = [];
  const at = (level: string) => (_fields: object, message?: string) => void lines.push({ level, message });
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), lines };
  return { ...logger, child: () => logger as unknown as Logger };
}

/** A job that runs until released, counting how many run at once. */
function slowJob() {
  let running = 0;
  let maxRunning = 0;
  let runs = 0;
  let release: () => void = () => undefined;
  const job = async () => {
    runs += 1;
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    running -= 1;
  };
  return { job, release: () => release(), stats: () => ({ runs, maxRunning }) };
}

describe('isValidSchedule', () => {
  it.each(['*/1 * * * * *', '* * * * * *', '*/5 * * * *', '0 */2 * * *'])('accepts %s', (expression) => {
    expect(isValidSchedule(expression)).toBe(true);
  });

  it.each(['', '* * * *', 'every minute', '61 * * * * *', '* * * * * * *'])('refuses %j', (expression) => {
    expect(isValidSchedule(expression)).toBe(false);
  });
});

describe('startSchedule', () => {
  let schedule: Schedule | undefined;
  afterEach(async () => {
    await schedule?.stop();
    schedule = undefined;
  });

  it('never runs a slow job twice at once: runNow joins the poll in flight', async () => {
    const slow = slowJob();
    schedule = startSchedule('*/1 * * * * *', slow.job, recordingLogger());

    const first = schedule.runNow();
    const second = schedule.runNow();
    expect(slow.stats()).toEqual({ runs: 1, maxRunning: 1 });
    slow.release();
    await Promise.all([first, second]);

    const third = schedule.runNow();
    expect(slow.stats().runs).toBe(2);
    slow.release();
    await third;
    expect(slow.stats().maxRunning).toBe(1);
  });

  it('logs a crashing job and keeps the schedule usable', async () => {
    const logger = recordingLogger();
    let calls = 0;
    schedule = startSchedule(
      '*/1 * * * * *',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
      logger,
    );

    await expect(schedule.runNow()).resolves.toBeUndefined();
    await expect(schedule.runNow()).resolves.toBeUndefined();

    expect(calls).toBe(2);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('stops cleanly', async () => {
    const slow = slowJob();
    schedule = startSchedule('*/1 * * * * *', slow.job, recordingLogger());
    await expect(schedule.stop()).resolves.toBeUndefined();
    schedule = undefined;
  });
});
