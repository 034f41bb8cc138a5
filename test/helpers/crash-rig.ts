import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { freshFolder, slackModeEnv, spawnBot, type BotProcess } from './bot-process.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { waitUntil } from './wait.js';

/** The simulator, a fake Slack, and a bot that can be killed and started again on the same DATA_FILE. */
export interface CrashRig {
  sim: RunningSimulator;
  slack: FakeSlack;
  bot(): BotProcess;
  /** Starts the bot (again) and waits until its HTTP receiver is up. */
  start(): Promise<BotProcess>;
  /** Waits until the bot's DATA_FILE holds an alert record in that status for the UID (or any of the UIDs). */
  waitForRecord(uid: string | string[], status: string, timeoutMs?: number): Promise<void>;
  /** The bot's DATA_FILE. */
  dataFile: string;
  /** Messages carrying the alert metadata of a session UID. */
  alertsFor(uid: string): number;
  stop(): Promise<void>;
}

/** The part of the bot's DATA_FILE the rig reads. */
type StateFile = { alerts: Record<string, { uid: string; status: string }> };

export async function startCrashRig(
  options: {
    stormThreshold?: number;
    env?: Record<string, string>;
    initialState?: object;
    /**
     * EM's clock this far from ours from the start: its history is built on its own time, so none of it lies in
     * EM's future (moving the clock back after the start would turn the newest history into news, by time of day).
     */
    emClockOffsetMs?: number;
  } = {},
): Promise<CrashRig> {
  const sim = await startSimulator({
    history: 100,
    live: false,
    ...(options.emClockOffsetMs ? { clock: { startTime: Date.now() + options.emClockOffsetMs } } : {}),
  });
  const slack = await startFakeSlack();
  const folder = freshFolder();
  let current: BotProcess | undefined;
  const dataFile = join(folder, 'state.json');
  if (options.initialState) await writeFile(dataFile, JSON.stringify(options.initialState));
  const env = slackModeEnv(sim, slack.apiUrl, {
    STORM_THRESHOLD: String(options.stormThreshold ?? 1000),
    DATA_FILE: dataFile,
    // The fake Slack does not rate-limit unless told to; pacing would only slow 1,000 alerts down.
    SLACK_POST_INTERVAL: '0',
    // A hung call is given up after 5 s, not 15 s, and retried within a second (the retries stay five).
    SLACK_TIMEOUT: '5s',
    SLACK_RETRY_DELAY: '50ms',
    // A failed EM request is retried after 50 ms, then 100 and 200 ms (not 0.5, 1 and 2 s; the retries stay three).
    VEEAM_RETRY_DELAY: '50ms',
    // These suites count session alerts and aim Slack faults at them: the protection loop's first-start summary
    // and the daily digest would take faults meant for alerts (a test that wants them turns them on).
    WATCH_PROTECTION: 'false',
    DIGEST_CHANNELS: 'off',
    ...options.env,
  });
  // The file is looked at every 20 ms and holds up to a thousand records: parse it only when it was replaced.
  let seen: { version: string; state: StateFile } | undefined;
  const readState = async (): Promise<StateFile | undefined> => {
    const version = await stat(dataFile).then(
      (s) => `${s.ino}:${s.mtimeMs}:${s.size}`,
      // Not written yet: look again.
      () => undefined,
    );
    if (version === undefined) return undefined;
    if (seen?.version !== version) {
      const state = await readFile(dataFile, 'utf8').then(
        (text) => JSON.parse(text) as StateFile,
        // Replaced between the stat and the read: look again.
        () => undefined,
      );
      if (state === undefined) return undefined;
      seen = { version, state };
    }
    return seen.state;
  };
  return {
    sim,
    slack,
    bot: () => {
      if (!current) throw new Error('the bot is not started');
      return current;
    },
    async start() {
      current = spawnBot(env, { cwd: folder });
      await current.waitFor(/"msg":"Slack app started"/, 20_000, 'stderr');
      return current;
    },
    async waitForRecord(uid, status, timeoutMs = 15_000) {
      const uids = new Set(Array.isArray(uid) ? uid : [uid]);
      const recorded = async () => {
        const state = await readState();
        return Object.values(state?.alerts ?? {}).some((r) => uids.has(r.uid) && r.status === status);
      };
      await waitUntil(recorded, { timeoutMs, what: `a ${status} record for ${String(uid)} in ${dataFile}` });
    },
    dataFile,
    alertsFor: (uid) => slack.messages.filter((m) => m.metadata?.event_payload['key'] === uid).length,
    async stop() {
      await current?.kill();
      await slack.stop();
      await sim.stop();
    },
  };
}
