import type { Config } from '../config/load-config.js';
import { consoleFilesDir, createConsoleChat } from '../console/console-chat.js';
import { createConsoleJobActions } from '../console/console-confirm.js';
import { createConsolePrinter } from '../console/console-printer.js';
import { runConsolePrompt } from '../console/console-prompt.js';
import { withChatMetrics } from '../metrics/chat-metrics.js';
import { systemClock } from '../shared/clock.js';
import type { EmConnection } from './em-connection.js';
import { serveHealth, type Run } from './run.js';
import { startAlerts } from './start-alerts.js';

/** Console mode (local demo or a real EM without Slack): alerts and replies print here. True when the user quit. */
export async function runConsole(config: Config, em: EmConnection, run: Run): Promise<boolean> {
  const printer = createConsolePrinter({
    write: (text) => process.stdout.write(text),
    color: process.stdout.isTTY === true,
  });
  const chat = withChatMetrics(
    createConsoleChat(printer, () => systemClock.now(), {
      filesDir: consoleFilesDir(config.mode === 'local-demo'),
    }),
    run.health.metrics,
  );
  const follow = await startAlerts(config, em, chat, run);
  // In the console the local user is the one operator; JOB_ACTIONS decides (on by default in the demo).
  if (config.jobActions.enabled) {
    run.deps.jobActions = createConsoleJobActions({
      signingKey: config.jobActions.signingKey,
      clock: systemClock,
      logger: run.logger.child({ part: 'job-actions' }),
      ledger: run.actionLedger!,
      spendToken: run.spendToken!,
    });
  }
  await serveHealth(config, run);
  await runConsolePrompt({
    input: process.stdin,
    printer,
    deps: run.deps,
    chat,
    follow,
    prompt: process.stdin.isTTY === true,
  });
  // With piped input (a service, a test) the end of input is not a request to stop: alerts keep printing.
  return process.stdin.isTTY === true;
}
