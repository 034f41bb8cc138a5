import 'dotenv/config';
import { loadConfig, redactConfig } from './config/load-config.js';
import { isAppError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';

/** The composition root: load config, build the real parts, start them. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: redactConfig(config) }, 'configuration loaded');
  if (config.mode === 'local-demo') {
    process.stdout.write(
      'No VEEAM_URL set: the local demo (embedded simulator) is not built yet.\n' +
        'Set VEEAM_URL, VEEAM_USERNAME and VEEAM_PASSWORD (see .env.example) to use a real Enterprise Manager.\n',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isAppError(error) ? error.userMessage : String(error)}\n`);
  process.exitCode = 1;
});
