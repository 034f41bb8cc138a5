import { access, constants, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_DATA_FILE, loadConfig, type Config } from '../config/load-config.js';
import { isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { createLowdbAlertStore } from '../watcher/lowdb-alert-store.js';
import { fail, formatCheck, pass, type CheckResult } from './check.js';
import { checkEm } from './em-checks.js';
import { checkState } from './state-checks.js';
import { checkSlack } from '../slack/setup-checks.js';

/**
 * `npm run doctor`: checks the configuration, Enterprise Manager, Slack and the state file, one line per
 * check with the fix for each failure. Returns the exit status: 1 when anything failed.
 */
export async function runDoctor(
  environment: Record<string, string | undefined>,
  io: { write: (line: string) => void; logger: Logger },
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(environment);
  } catch (error) {
    const message = isAppError(error) ? error.message : String(error);
    io.write(
      formatCheck(fail('Configuration', message, 'fix that variable in .env (see .env.example)')).join('\n'),
    );
    return 1;
  }
  const results: CheckResult[] = [pass('Configuration', `valid (${config.mode} mode)`)];
  results.push(...(await checkEm(config.em, io.logger, { jobActions: config.jobActions.enabled })));
  results.push(...(await checkSlack(config)));
  if (config.state) results.push(...(await checkState(config.state)));
  else results.push(await checkDataFile(config.dataFile ?? DEFAULT_DATA_FILE));
  for (const result of results) for (const line of formatCheck(result)) io.write(line);
  const failures = results.filter((r) => r.status === 'fail').length;
  io.write(failures === 0 ? 'All checks passed.' : `${failures} check${failures === 1 ? '' : 's'} failed.`);
  return failures === 0 ? 0 : 1;
}

async function checkDataFile(path: string): Promise<CheckResult> {
  const folder = dirname(resolve(path));
  try {
    await mkdir(folder, { recursive: true });
    const probe = join(folder, `.doctor-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe);
  } catch (error) {
    return fail(
      'State file',
      `${folder} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'point DATA_FILE at a writable folder',
    );
  }
  const exists = await access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
  if (!exists) return pass('State file', `${folder} is writable; ${path} will be created`);
  try {
    await createLowdbAlertStore(path).load();
    return pass('State file', `${path} is readable and writable`);
  } catch (error) {
    return fail(
      'State file',
      isAppError(error) ? error.message : String(error),
      'move the file aside; the watcher then starts afresh (history is not re-alerted)',
    );
  }
}
