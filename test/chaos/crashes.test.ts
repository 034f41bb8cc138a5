import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 1,000 failures, the bot SIGKILLed at random moments 20 times: each failure alerted exactly once. */
describe('crashes', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig({ stormThreshold: 100_000 });
    await rig.start();
    await sleep(1200);
  });
  afterAll(() => rig.stop());

  it('alerts each of 1,000 failures exactly once across 20 SIGKILLs', async () => {
    const uids: string[] = [];
    for (let restart = 0; restart < 20; restart += 1) {
      for (let i = 0; i < 50; i += 1) {
        uids.push(
          rig.sim.createSession({
            type: 'BackupJobSession',
            jobName: `Crash ${restart}-${i % 7}`,
            state: 'Stopped',
            result: i % 3 ? 'Failed' : 'Warning',
          }).uid,
        );
      }
      await sleep(200 + Math.floor(Math.random() * 1800));
      await rig.bot().kill();
      await rig.start();
    }
    await rig.slack.waitFor(() => uids.every((uid) => rig.alertsFor(uid) >= 1), 180_000);
    await sleep(3000);
    const counts = uids.map((uid) => rig.alertsFor(uid));
    expect(counts.filter((c) => c !== 1)).toEqual([]);
  });
});
