import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sendSlashCommand } from '../test/helpers/slack-requests.js';

/** One signed slash command to send. */
export interface LoadRequest {
  id: string;
  text: string;
  responseUrl: string;
}

/** What the load process measured for one command: when it was sent (epoch ms) and its HTTP ack. */
export interface LoadResult {
  id: string;
  sentAt: number;
  status: number;
  ackMs: number;
}

const LOAD_TIMEOUT_MS = 60_000;

/**
 * Sends all commands at once from a separate process, so the client's event loop is not the bot's and the
 * ack time is what a remote Slack would see.
 */
export function sendFromLoadProcess(eventsUrl: string, requests: LoadRequest[]): Promise<LoadResult[]> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the load process did not finish in time'));
    }, LOAD_TIMEOUT_MS);
    child.once('message', (results) => {
      clearTimeout(timer);
      child.disconnect();
      resolve(results as LoadResult[]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the load process exited with ${code}`));
    });
    child.send({ eventsUrl, requests });
  });
}

async function runChild(message: { eventsUrl: string; requests: LoadRequest[] }): Promise<void> {
  // Node loads its fetch implementation on first use; do that before the clock starts (Bolt answers 404).
  await fetch(message.eventsUrl, { signal: AbortSignal.timeout(5000) }).then((res) => res.text());
  const results = await Promise.all(
    message.requests.map(async ({ id, text, responseUrl }): Promise<LoadResult> => {
      const sentAt = Date.now();
      const { status, ms } = await sendSlashCommand(message.eventsUrl, { text, responseUrl });
      return { id, sentAt, status, ackMs: ms };
    }),
  );
  process.send?.(results, () => process.exit(0));
}

if (process.argv.includes('--child')) {
  process.once('message', (message) => {
    runChild(message as { eventsUrl: string; requests: LoadRequest[] }).catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
  });
}
