import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The built bot against an Enterprise Manager whose clock is hours off ours while one job floods it with
 * thousands of failures: every other job's failure is still alerted once and promptly, and the flood is one
 * incident with a count and a few replies.
 */
describe('an EM flood and a skewed EM clock', () => {
  let rig: CrashRig;
  const fail = (jobName: string) =>
    rig.sim.createSession({ type: 'BackupJobSession', jobName, state: 'Stopped', result: 'Failed' }).uid;
  const alerted = async (uid: string) => rig.slack.waitFor(() => rig.alertsFor(uid) >= 1, 30_000);

  beforeAll(async () => {
    rig = await startCrashRig({ stormThreshold: 5, emClockOffsetMs: -2 * HOUR }); // EM is 2 h behind from the start
    await rig.start();
  });
  afterAll(() => rig.stop());

  it('alerts other jobs once and promptly through one job’s 4,997 failures in one poll, with EM 2 h behind then 2 h ahead', async () => {
    const others: string[] = [fail('Quiet Job 1')];
    const noisyRoot = fail('Noisy Job');
    await alerted(others[0] ?? '');
    await alerted(noisyRoot);

    // One poll's worth of reading (MAX_PER_KIND, 5,000 problem sessions of a kind, the first failure and the
    // other jobs' included): the flood and another job's first failure in the middle of it.
    const flood = Array.from({ length: 2_498 }, () => fail('Noisy Job'));
    others.push(fail('Quiet Job 2'));
    flood.push(...Array.from({ length: 2_498 }, () => fail('Noisy Job')));
    const started = Date.now();
    await alerted(others[1] ?? '');
    const secondAlertMs = Date.now() - started;
    // The whole flood is read and recorded; its records go once EM's clock leaves them behind the window.
    await rig.waitForRecord(flood.at(-1) ?? '', 'sent', 30_000);

    rig.sim.clock.advance(4 * HOUR); // EM's clock jumps to 2 h ahead of ours
    others.push(fail('Quiet Job 3'));
    await alerted(others[2] ?? '');
    await waitForMorePolls(rig.bot(), 3, 60_000);

    expect(others.map((uid) => rig.alertsFor(uid))).toEqual([1, 1, 1]);
    expect(secondAlertMs).toBeLessThan(20_000);
    const root = rig.slack.messages.find((m) => m.metadata?.event_payload['key'] === noisyRoot);
    const replies = rig.slack.messages.filter((m) => m.thread_ts !== undefined && m.thread_ts === root?.ts);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(3);
    expect(flood.filter((uid) => rig.alertsFor(uid) > 1)).toEqual([]);
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
