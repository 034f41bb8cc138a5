import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

/**
 * The built bot against an Enterprise Manager that misbehaves in every way we know, while failures keep
 * coming: no crash, no lost alert, no duplicate, and exactly one outage notice and one recovery notice.
 */
describe('Enterprise Manager faults', () => {
  let rig: CrashRig;
  const uids: string[] = [];
  const fail = (jobName: string) =>
    uids.push(
      rig.sim.createSession({
        type: 'BackupJobSession',
        jobName,
        state: 'Stopped',
        result: 'Failed',
        tasks: [{ vmName: 'vm', result: 'Failed', reason: 'x' }],
      }).uid,
    );

  beforeAll(async () => {
    rig = await startCrashRig({ env: { OUTAGE_NOTICE_AFTER: '6s', VEEAM_TIMEOUT: '3s' } });
    // News begins when the watcher starts, before the HTTP receiver is up: no wait for a first poll.
    await rig.start();
  });
  afterAll(() => rig.stop());

  it('rides out bursts, resets, malformed bodies, token expiry, 30 s stalls and a full outage', async () => {
    const phases: Array<[string, Parameters<typeof rig.sim.setFaults>[0]]> = [
      ['503 burst', { status: 503, ratio: 0.3 }],
      ['connection resets', { reset: true, ratio: 0.3 }],
      ['malformed XML', { malformed: true, ratio: 0.3 }],
      ['30 s stalls', { latencyMs: 30_000, count: 2 }],
    ];
    for (const [name, fault] of phases) {
      rig.sim.setFaults(fault);
      for (let i = 0; i < 3; i += 1) fail(`Chaos ${name} ${i}`);
      await waitForMorePolls(rig.bot(), 3, 120_000); // two whole polls under this fault
      rig.sim.setFaults({ expireTokens: true }); // tokens die between phases too
      await waitForMorePolls(rig.bot(), 1, 60_000);
    }
    rig.sim.setFaults({ status: 503, ratio: 1 }); // EM down
    for (let i = 0; i < 3; i += 1) fail(`Chaos outage ${i}`);
    const notice = () => rig.slack.messages.filter((m) => /unreachable/i.test(m.text));
    await rig.slack.waitFor(() => notice().length === 1, 20_000);
    rig.sim.clearFaults(); // EM back
    const recovered = () => rig.slack.messages.filter((m) => /reachable again/i.test(m.text));
    await rig.slack.waitFor(() => recovered().length === 1, 20_000);
    await rig.slack.waitFor(() => uids.every((uid) => rig.alertsFor(uid) >= 1), 30_000);
    await waitForMorePolls(rig.bot(), 2, 60_000); // a whole poll after the last post: nothing is posted twice
    expect(uids.map((uid) => rig.alertsFor(uid))).toEqual(uids.map(() => 1));
    expect(notice()).toHaveLength(1);
    expect(recovered()).toHaveLength(1);
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
