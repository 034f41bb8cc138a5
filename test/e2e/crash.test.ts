import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

/**
 * SIGKILL at each step of pending -> posted -> sent, then a restart on the same DATA_FILE. Every wait is for
 * something the bot did: a record on disk, a call the fake Slack received, a poll it logged as done.
 */
describe('exactly once through crashes', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig();
    // News begins when the watcher starts, before the HTTP receiver is up: what fails from now on is news.
    await rig.start();
  });
  afterAll(() => rig.stop());

  const failure = (jobName: string) =>
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName,
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'vm1', result: 'Failed', reason: 'boom' }],
    }).uid;

  /** Restarts the bot and waits until it has settled `uids` (sent on disk) and polled twice more. */
  async function restartAndSettle(uids: string[]): Promise<void> {
    await rig.bot().kill();
    await rig.start();
    for (const uid of uids) await rig.waitForRecord(uid, 'sent', 30_000);
    await waitForMorePolls(rig.bot(), 2);
  }

  it('killed after the post reached Slack but before it was recorded: not posted again', async () => {
    rig.slack.fail({ method: 'chat.postMessage', kind: 'postThenHang', count: 1 });
    const uid = failure('Crash After Post');
    await rig.slack.waitFor(() => rig.alertsFor(uid) === 1, 15_000);
    await rig.waitForRecord(uid, 'pending');
    await restartAndSettle([uid]);
    expect(rig.alertsFor(uid)).toBe(1);
  });

  it('killed after recording the alert as pending but before posting: posted after the restart', async () => {
    // Slow task-session fetches hold the bot between "pending on disk" and the post.
    rig.sim.setFaults({ latencyMs: 10_000, paths: 'taskSessions' });
    const uid = failure('Crash Before Post');
    await rig.waitForRecord(uid, 'pending');
    expect(rig.alertsFor(uid)).toBe(0);
    rig.sim.clearFaults();
    await restartAndSettle([uid]);
    expect(rig.alertsFor(uid)).toBe(1);
  });

  it.each([
    ['pending', 'one of five is pending on disk'],
    ['posted', 'one of five reached Slack'],
    ['sent', 'one of five is sent on disk'],
  ])('killed when %s (%s): each alerted exactly once', async (step) => {
    const uids = [1, 2, 3, 4, 5].map((i) => failure(`Crash When ${step} ${i}`));
    if (step === 'posted') await rig.slack.waitFor(() => uids.some((uid) => rig.alertsFor(uid) > 0), 15_000);
    else await rig.waitForRecord(uids, step);
    await restartAndSettle(uids);
    expect(uids.map((uid) => rig.alertsFor(uid))).toEqual([1, 1, 1, 1, 1]);
  });
});
