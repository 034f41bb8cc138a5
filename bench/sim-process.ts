import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmClient, type EmClient } from '../src/em/client.js';
import { retryPolicies } from '../src/em/retry-policies.js';
import { silentLogger } from '../src/shared/logger.js';
import type { SessionCreated, SessionSpec } from '../src/simulator/control/session-spec.js';
import type { StatsSnapshot } from '../src/simulator/http/stats.js';

const SIM_CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'simulator', 'cli.js');
const START_TIMEOUT_MS = 120_000;

/** The simulator CLI running in a child process (its CPU is not ours), driven over its control API. */
export interface SimProcess {
  /** The API base, ending in `/api/`. */
  url: string;
  origin: string;
  user: string;
  password: string;
  pid: number;
  createSession(spec: SessionSpec): Promise<SessionCreated>;
  /** Any control API call (`/_sim/<path>`); throws on a status other than 2xx. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  stats(): Promise<StatsSnapshot>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `node dist/simulator/cli.js --port 0 --seed 42 --history N [--no-live]` and waits for its URL. */
export async function startSimProcess(options: { history: number; live?: boolean }): Promise<SimProcess> {
  const args = [SIM_CLI, '--port', '0', '--seed', '42', '--history', String(options.history)];
  if (!options.live) args.push('--no-live');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForUrl(child);
  const origin = new URL(url).origin;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${origin}/_sim/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`simulator ${method} /_sim/${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    origin,
    user: 'demo',
    password: 'demo',
    pid: child.pid ?? -1,
    createSession: (spec) => control<SessionCreated>('POST', 'sessions', spec),
    control,
    stats: () => control<StatsSnapshot>('GET', 'stats'),
    resetStats: async () => void (await control('POST', 'stats/reset')),
    stop: () => stopChild(child),
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail('timed out'), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`simulator did not start (${why}): ${err.slice(-1000)}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /VEEAM_URL=(\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => fail(`exit ${code}`));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The bot's EM client on a simulator, as the benches use it: quiet, the default retries. */
export function simEmClient(
  sim: { url: string; user: string; password: string },
  timeoutMs: number,
): EmClient {
  return createEmClient({
    apiBase: sim.url,
    username: sim.user,
    password: sim.password,
    timeoutMs,
    retryPolicy: retryPolicies.default,
    logger: silentLogger,
  });
}
