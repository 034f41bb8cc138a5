import { createDatabaseOn } from '../helpers/postgres.js';
import {
  freshFolder,
  slackModeEnv,
  spawnBot,
  waitForMorePolls,
  type BotProcess,
} from '../helpers/bot-process.js';
import { waitUntil } from '../helpers/wait.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
// @ts-expect-error a plain ES module of the test set-up, without types
import { startEmbeddedPostgres } from '../global/embedded-postgres.mjs';

const TOOK = /"msg":"took the watcher lease/g;
const LEASE_TTL_MS = 3000;
const POLL_MS = 1000;

interface Pg {
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/**
 * Two replicas of the built bot on one PostgreSQL, one simulator and one fake Slack: the leader SIGKILLed,
 * paused past LEASE_TTL and resumed, the database restarted; every failure is alerted exactly once.
 */
describe('two replicas', () => {
  let pg: Pg;
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];
  const uids: string[] = [];

  beforeAll(async () => {
    pg = (await startEmbeddedPostgres()) as Pg;
    const database = await createDatabaseOn(pg.url);
    sim = await startSimulator({ history: 50, live: false });
    slack = await startFakeSlack();
    env = slackModeEnv(sim, slack.apiUrl, {
      STATE_URL: database.url,
      LEASE_TTL: `${LEASE_TTL_MS}ms`,
      STORM_THRESHOLD: '100000',
      SLACK_POST_INTERVAL: '0',
    });
  });
  afterAll(async () => {
    for (const bot of bots) await bot.kill();
    await slack.stop();
    await sim.stop();
    await pg.stop();
  });

  const start = async () => {
    const bot = spawnBot(env, { cwd: freshFolder() });
    bots.push(bot);
    await bot.waitFor(/"msg":"Slack app started"/, 20_000, 'stderr');
    return bot;
  };
  const alive = () => bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null);
  const leader = () =>
    alive().find(
      (b) =>
        b.count(TOOK) > 0 &&
        b.stderr().lastIndexOf('took the watcher') > b.stderr().lastIndexOf('lost the watcher'),
    );
  const alertsFor = (uid: string) =>
    slack.messages.filter((m) => m.metadata?.event_payload['key'] === uid).length;
  const fail = (round: number, n: number) => {
    for (let i = 0; i < n; i += 1)
      uids.push(
        sim.createSession({
          type: 'BackupJobSession',
          jobName: `R${round}-${i % 5}`,
          state: 'Stopped',
          result: 'Failed',
        }).uid,
      );
    return uids.slice(-n);
  };
  const waitAlerted = (round: string[]) =>
    slack.waitFor(() => round.every((uid) => alertsFor(uid) >= 1), 60_000);
  /** Waits until a live replica other than `old` (one started since included) took the lease; returns how long it took (ms). */
  const takeover = async (old: BotProcess) => {
    const began = Date.now();
    const before = new Map(bots.map((b) => [b, b.count(TOOK)]));
    const taken = () => alive().some((b) => b !== old && b.count(TOOK) > (before.get(b) ?? 0));
    await waitUntil(taken, {
      timeoutMs: 30_000,
      what: () =>
        bots
          .map(
            (b, n) =>
              `bot ${n}: ` +
              b
                .stderr()
                .split('\n')
                .filter((l) => /lease|error/i.test(l) && !l.includes('configuration'))
                .slice(-6)
                .join('\n'),
          )
          .join('\n---\n'),
    });
    return Date.now() - began;
  };

  it('alerts every failure exactly once through kills, a pause and a database restart', async () => {
    await start();
    await start();
    await slack.waitFor(() => leader() !== undefined, 20_000);
    const takeovers: number[] = [];

    for (let kill = 0; kill < 3; kill += 1) {
      await waitAlerted(fail(kill, 10));
      const old = leader()!;
      await old.kill();
      const next = takeover(old);
      await start();
      takeovers.push(await next);
    }

    // A pause past LEASE_TTL: the other replica takes over; the old one wakes, posts nothing and steps down.
    const paused = leader()!;
    const postsBefore = slack.messages.length;
    paused.child.kill('SIGSTOP');
    takeovers.push(await takeover(paused));
    await waitAlerted(fail(10, 10));
    paused.child.kill('SIGCONT');
    await paused.waitFor(/lost the watcher lease/, 20_000, 'stderr');
    expect(slack.messages.length).toBeGreaterThan(postsBefore);

    // The database restarted: the watcher pauses and resumes; nothing is lost.
    await pg.restart();
    await waitAlerted(fail(11, 10));

    await waitForMorePolls(leader()!, 2, 20_000);
    expect(uids.map(alertsFor).filter((c) => c !== 1)).toEqual([]);
    for (const ms of takeovers) expect(ms).toBeLessThanOrEqual(LEASE_TTL_MS + POLL_MS + 2000);
  }, 240_000);
});
