import { waitForMorePolls } from '../helpers/bot-process.js';
import {
  LOST,
  startReplicaRig,
  type Replica,
  type ReplicaRig,
  type Takeover,
} from '../helpers/replica-rig.js';
import { waitUntil } from '../helpers/wait.js';

const LEASE_TTL_MS = 2000;
/** WATCH_SCHEDULE of the replicas: a poll a second. */
const POLL_MS = 1000;
const KILLS = 10;
const PAUSES = 3;
/** Rounds of failures: one before each kill, pause and the database restart, and a last one. */
const ROUNDS = KILLS + PAUSES + 2;
const FAILURES = 300;
const PER_ROUND = FAILURES / ROUNDS;
/** EM's clock is stepped so the failures end over 5 minutes of simulated time. */
const SIMULATED_MS = 5 * 60_000;
const STEP_MS = SIMULATED_MS / FAILURES;

/**
 * Two replicas of the built bot on one PostgreSQL, one simulator and one fake Slack (each replica with a token of
 * its own, so the fake tells their calls apart): 300 failures over 5 simulated minutes while the leader is
 * SIGKILLed 10 times (and started again), paused past LEASE_TTL 3 times, and the database restarted.
 */
describe('two replicas', () => {
  let rig: ReplicaRig;
  const uids: string[] = [];
  beforeAll(async () => {
    rig = await startReplicaRig(LEASE_TTL_MS);
  });
  afterAll(() => rig.stop());

  const fail = (round: number) => {
    for (let i = 0; i < PER_ROUND; i += 1) {
      rig.sim.clock.advance(STEP_MS);
      const jobName = `Replica ${round}-${i}`; // one job per failure: no flood folding
      uids.push(
        rig.sim.createSession({ type: 'BackupJobSession', jobName, state: 'Stopped', result: 'Failed' }).uid,
      );
    }
    return uids.slice(-PER_ROUND);
  };
  const alerted = (round: string[], least = round.length) =>
    rig.slack.waitFor(() => round.filter((uid) => rig.alertsFor(uid) >= 1).length >= least, 60_000);
  /** veeam_bot_leader of every live replica: 1 on exactly one of them, 0 on the other. */
  const leaderGauges = async () => {
    const gauges = await Promise.all(rig.alive().map((r) => r.metric('veeam_bot_leader')));
    return gauges.sort();
  };
  const leaderOf = async (): Promise<Replica> => {
    await waitUntil(() => rig.leader() !== undefined, { timeoutMs: 20_000, what: 'a leader' });
    return rig.leader()!;
  };

  it('alerts each of 300 failures exactly once through 10 kills, 3 pauses and a database restart', async () => {
    const began = Date.now();
    await Promise.all([rig.start(), rig.start()]);
    const takeovers: Takeover[] = [];
    const gauges: Array<Array<number | undefined>> = [];
    /** Replicas killed once the alerts were all out: their last scrape must equal what the fake Slack got from them. */
    const quiet: Array<{ replica: Replica; posted: number | undefined }> = [];
    const early: Array<{ replica: Replica; posted: number | undefined }> = [];
    let round = 0;

    for (let kill = 0; kill < KILLS; kill += 1) {
      const batch = fail(round++);
      const old = await leaderOf();
      // Kill at a different point of delivery in turn: before the poll, mid-posting, all posted.
      const step = kill % 3;
      if (step === 1) await alerted(batch, 1);
      if (step === 2) {
        await alerted(batch);
        await waitForMorePolls(old.bot, 2);
      }
      const posted = await old.metric('veeam_bot_alerts_posted_total');
      (step === 2 ? quiet : early).push({ replica: old, posted });
      const killedAt = Date.now();
      await old.bot.kill();
      const [taken] = await Promise.all([rig.takeover(old, killedAt), rig.start()]);
      takeovers.push(taken);
      if (kill % 3 === 0) gauges.push(await leaderGauges());
    }

    // Paused past LEASE_TTL: the other replica takes over and alerts; the old one wakes, steps down, posts nothing.
    for (let pause = 0; pause < PAUSES; pause += 1) {
      const batch = fail(round++);
      const stale = await leaderOf();
      const pausedAt = Date.now();
      stale.bot.child.kill('SIGSTOP');
      takeovers.push(await rig.takeover(stale, pausedAt));
      await alerted(batch);
      const resumedAt = Date.now();
      const lostBefore = stale.bot.count(LOST);
      stale.bot.child.kill('SIGCONT');
      await stale.bot.waitForCount(LOST, lostBefore + 1, 20_000);
      await waitForMorePolls((await leaderOf()).bot, 2);
      expect(stale.writesSince(resumedAt)).toBe(0);
      gauges.push(await leaderGauges());
    }

    // The database restarted: the watcher pauses and resumes; nothing is lost.
    const beforeRestart = fail(round++);
    await rig.pg.restart();
    await alerted(beforeRestart);
    await alerted(fail(round++));
    await waitForMorePolls((await leaderOf()).bot, 2, 20_000);
    gauges.push(await leaderGauges());

    const max = (key: 'tookMs' | 'pollStartedMs' | 'polledMs') => Math.max(...takeovers.map((t) => t[key]));
    process.stdout.write(
      `replicas: ${takeovers.length} takeovers, max ms: lease taken ${max('tookMs')}, first poll started ` +
        `${max('pollStartedMs')}, done ${max('polledMs')}; ${Math.round((Date.now() - began) / 1000)} s\n`,
    );

    expect(uids).toHaveLength(FAILURES);
    expect(uids.map((uid, n) => [n, rig.alertsFor(uid)]).filter(([, count]) => count !== 1)).toEqual([]);
    expect(gauges).toEqual(gauges.map(() => [0, 1]));
    expect(gauges.length).toBeGreaterThanOrEqual(8);
    // The lease runs out (LEASE_TTL), a follower trying every third of it takes it, reads the state and polls at
    // once: within LEASE_TTL + one poll interval of the kill (or pause) the new leader is polling. How long that
    // first poll takes (settling and posting what the old leader left) is the machine's load, not the takeover.
    for (const { tookMs, pollStartedMs } of takeovers) {
      expect(tookMs).toBeLessThanOrEqual(LEASE_TTL_MS + POLL_MS);
      expect(pollStartedMs).toBeLessThanOrEqual(LEASE_TTL_MS + POLL_MS);
    }
    // Counters against the fake Slack's log: exact for the survivors and for replicas killed when idle.
    for (const replica of rig.alive())
      expect(await replica.metric('veeam_bot_alerts_posted_total')).toBe(replica.alertPosts());
    for (const { replica, posted } of quiet) expect(posted).toBe(replica.alertPosts());
    for (const { replica, posted } of early) expect(posted).toBeLessThanOrEqual(replica.alertPosts());
    const total = rig.replicas.reduce((sum, r) => sum + r.alertPosts(), 0);
    expect(total).toBe(rig.slack.messages.filter((m) => m.metadata?.event_type === 'veeam_alert').length);
  }, 240_000);
});
