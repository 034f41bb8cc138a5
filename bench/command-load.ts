import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { signatureHeaders } from '../test/helpers/slack-requests.js';

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

/** The generator, as the README names it. */
export const LOAD_GENERATOR =
  'node:http Agent, keepAlive, maxSockets = concurrency, connections opened before the burst, separate process';

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

/** The form body Slack posts for `/veeam <text>`. */
function commandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy-token',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/veeam',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

function send(
  agent: http.Agent,
  url: string,
  method: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function runChild(message: { eventsUrl: string; requests: LoadRequest[] }): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: message.requests.length });
  // Open every connection first (a GET answered 404 or 200), so the burst measures requests, not TCP handshakes.
  await Promise.all(message.requests.map(() => send(agent, message.eventsUrl, 'GET', '')));
  const signed = message.requests.map((r) => {
    const body = commandBody(r.text, r.responseUrl);
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      ...signatureHeaders(body),
    };
    return { id: r.id, body, headers };
  });
  const results = await Promise.all(
    signed.map(async ({ id, body, headers }): Promise<LoadResult> => {
      const sentAt = Date.now();
      const started = performance.now();
      const status = await send(agent, message.eventsUrl, 'POST', body, headers);
      return { id, sentAt, status, ackMs: performance.now() - started };
    }),
  );
  agent.destroy();
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
