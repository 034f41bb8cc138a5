import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIGNING_SECRET } from './slack-requests.js';
import { waitUntil } from './wait.js';

/** The log line the bot writes (at LOG_LEVEL=debug) when a watcher poll has finished, posts included. */
export const POLL_DONE = /"msg":"poll done"/g;

/** The built entry point, run as a user would (`npm start` builds it; `npm test` builds it first too). */
export const BOT_ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'main.js');

export interface BotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout or stderr has a line matching the pattern; returns the match. */
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** How many times a global pattern occurs in stdout and stderr so far. */
  count(pattern: RegExp): number;
  /** Waits until stdout and stderr hold at least `n` occurrences of a global pattern. */
  waitForCount(pattern: RegExp, n: number, timeoutMs?: number): Promise<void>;
  write(line: string): void;
  /** SIGKILL, the way a crash or an OOM kill ends a process: no cleanup runs. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A fresh working folder, so no `.env` of the developer's leaks into the bot under test. */
export function freshFolder(): string {
  return mkdtempSync(join(tmpdir(), 'veeam-bot-e2e-'));
}

/** Starts the built bot with exactly the given environment (plus PATH), in the given folder. */
export function spawnBot(
  env: Record<string, string>,
  options: { cwd?: string; args?: string[] } = {},
): BotProcess {
  const child = spawn(process.execPath, [BOT_ENTRY, ...(options.args ?? [])], {
    cwd: options.cwd ?? freshFolder(),
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const count = (pattern: RegExp) => `${out}\n${err}`.match(pattern)?.length ?? 0;
  const tails = () => `stdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-2000)}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(pattern, timeoutMs = 15_000, stream) {
      const text = () => (stream === 'stdout' ? out : stream === 'stderr' ? err : `${out}\n${err}`);
      await waitUntil(() => text().match(pattern) !== null || child.exitCode !== null, {
        timeoutMs,
        what: () => `bot never printed ${pattern}\n${tails()}`,
      });
      const match = text().match(pattern);
      if (!match) throw new Error(`bot exited (${child.exitCode}) without printing ${pattern}\n${tails()}`);
      return match;
    },
    count,
    async waitForCount(pattern, n, timeoutMs = 15_000) {
      await waitUntil(() => count(pattern) >= n || child.exitCode !== null, {
        timeoutMs,
        what: () => `bot printed ${pattern} ${count(pattern)} times, not ${n}\n${tails()}`,
      });
      if (count(pattern) < n) throw new Error(`bot exited (${child.exitCode}) early\n${tails()}`);
    },
    write: (line) => child.stdin?.write(`${line}\n`),
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Waits until `n` more polls have finished (POLL_DONE); at least the last `n - 1` of them started after this
 * call, so whatever was true when it was called has been through a whole poll.
 */
export async function waitForMorePolls(bot: BotProcess, n: number, timeoutMs = 15_000): Promise<void> {
  await bot.waitForCount(POLL_DONE, bot.count(POLL_DONE) + n, timeoutMs);
}

/**
 * The environment of the bot in Slack HTTP mode against a simulator and a fake Slack, polling every second.
 * Debug logs, so that tests can count finished polls (POLL_DONE) instead of sleeping through them.
 */
export function slackModeEnv(
  em: { url: string; user: string; password: string },
  slackApiUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    VEEAM_URL: em.url,
    VEEAM_USERNAME: em.user,
    VEEAM_PASSWORD: em.password,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: '0',
    ALERT_CHANNEL: 'CALERTS',
    WATCH_SCHEDULE: '*/1 * * * * *',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}
