import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

/** SIGKILL at each step of pending -> posted -> sent, then a restart on the same DATA_FILE. */
describe('exactly once through crashes', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig();
    await rig.start();
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the first poll marks where news begins
  });
  afterAll(() => rig.stop());

  const failure = (jobName: string) =>
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName,
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'vm1', result: 'Failed', reason: 'boom' }],
    });

  it('killed after the post reached Slack but before it was recorded: not posted again', async () => {
    rig.slack.fail({ method: 'chat.postMessage', kind: 'postThenHang', count: 1 });
    const session = failure('Crash After Post');
    await rig.slack.waitFor(() => rig.alertsFor(session.uid) === 1, 15_000);
    await rig.bot().kill();
    await rig.start();
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a few polls after the restart
    expect(rig.alertsFor(session.uid)).toBe(1);
  });

  it('killed after recording the alert as pending but before posting: posted after the restart', async () => {
    // Slow task-session fetches hold the bot between "pending on disk" and the post.
    rig.sim.setFaults({ latencyMs: 10_000, paths: 'taskSessions' });
    const session = failure('Crash Before Post');
    await rig.waitForRecord(session.uid, 'pending');
    expect(rig.alertsFor(session.uid)).toBe(0);
    await rig.bot().kill();
    rig.sim.clearFaults();
    await rig.start();
    await rig.slack.waitFor(() => rig.alertsFor(session.uid) === 1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(rig.alertsFor(session.uid)).toBe(1);
  });

  it('killed at random moments across many failures: each alerted exactly once', async () => {
    const sessions: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 5; i += 1) sessions.push(failure(`Random Crash ${round}-${i}`).uid);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 1500)));
      await rig.bot().kill();
      await rig.start();
    }
    await rig.slack.waitFor(() => sessions.every((uid) => rig.alertsFor(uid) >= 1), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sessions.map((uid) => rig.alertsFor(uid))).toEqual(sessions.map(() => 1));
  });
});
