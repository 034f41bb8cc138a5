import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    await rig.start();
    await sleep(1200);
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
      await sleep(3000);
      rig.sim.setFaults({ expireTokens: true }); // tokens die between phases too
      await sleep(500);
    }
    rig.sim.setFaults({ status: 503, ratio: 1 }); // EM down
    for (let i = 0; i < 3; i += 1) fail(`Chaos outage ${i}`);
    const notice = () => rig.slack.messages.filter((m) => /unreachable/i.test(m.text));
    await rig.slack.waitFor(() => notice().length === 1, 20_000);
    rig.sim.clearFaults(); // EM back
    const recovered = () => rig.slack.messages.filter((m) => /reachable again/i.test(m.text));
    await rig.slack.waitFor(() => recovered().length === 1, 20_000);
    await rig.slack.waitFor(() => uids.every((uid) => rig.alertsFor(uid) >= 1), 30_000);
    await sleep(2500);
    expect(uids.map((uid) => rig.alertsFor(uid))).toEqual(uids.map(() => 1));
    expect(notice()).toHaveLength(1);
    expect(recovered()).toHaveLength(1);
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
