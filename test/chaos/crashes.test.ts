import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

/** Where each round's SIGKILL lands, in turn: at a step of the protocol, or after a random number of posts. */
const STEPS = ['pending', 'posted', 'sent', 'random'] as const;
/** A fixed seed, so a failing run can be replayed. */
let seed = 20_241;
const nextRandom = () => (seed = (seed * 48_271) % 2_147_483_647);

/**
 * 1,000 failures, the bot SIGKILLed 20 times at a step of the delivery protocol (a record pending on disk, a
 * post in Slack, a record sent on disk) or at random (after a seeded random number of a round's posts), in turn:
 * each failure alerted exactly once.
 */
describe('crashes', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig({ stormThreshold: 100_000 });
    // News begins when the watcher starts, before the HTTP receiver is up: no wait for a first poll.
    await rig.start();
  });
  afterAll(() => rig.stop());

  it('alerts each of 1,000 failures exactly once across 20 SIGKILLs', async () => {
    const uids: string[] = [];
    for (let restart = 0; restart < 20; restart += 1) {
      for (let i = 0; i < 50; i += 1) {
        uids.push(
          rig.sim.createSession({
            type: 'BackupJobSession',
            // One job per failure: a job's repeated failures in one poll are folded into its incident (flood rule),
            // and this suite is about each failure's own message surviving SIGKILLs.
            jobName: `Crash ${restart}-${i}`,
            state: 'Stopped',
            result: i % 3 ? 'Failed' : 'Warning',
          }).uid,
        );
      }
      const round = uids.slice(-50);
      const step = STEPS[restart % STEPS.length] ?? 'posted';
      // At random: once a random number (1-49, seeded) of this round's alerts are in Slack, wherever the bot is.
      const posted = step === 'random' ? 1 + (nextRandom() % 49) : step === 'posted' ? 1 : 0;
      if (posted > 0)
        await rig.slack.waitFor(() => round.filter((uid) => rig.alertsFor(uid) > 0).length >= posted, 60_000);
      else await rig.waitForRecord(round, step, 60_000);
      await rig.bot().kill();
      await rig.start();
    }
    await rig.slack.waitFor(() => uids.every((uid) => rig.alertsFor(uid) >= 1), 180_000);
    await waitForMorePolls(rig.bot(), 2); // a whole poll after the last post: nothing is posted twice
    const counts = uids.map((uid) => rig.alertsFor(uid));
    expect(counts.filter((c) => c !== 1)).toEqual([]);
  });
});
