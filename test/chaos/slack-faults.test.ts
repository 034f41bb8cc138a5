import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';

/** The built bot against a Slack that rate-limits, errors, refuses blocks and hangs: every alert still lands once. */
describe('Slack faults', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig();
    // News begins when the watcher starts, before the HTTP receiver is up: no wait for a first poll.
    await rig.start();
  });
  afterAll(() => rig.stop());

  const fail = (jobName: string) =>
    rig.sim.createSession({
      type: 'ReplicaJobSession',
      jobName,
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'vm', result: 'Failed', reason: 'x' }],
    }).uid;

  it('waits out 429s, retries 500s and timeouts, re-posts refused blocks as text, and loses nothing', async () => {
    rig.slack.fail({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 1, count: 3 });
    rig.slack.fail({ method: 'chat.postMessage', kind: 'http500', count: 2 });
    rig.slack.fail({ method: 'chat.postMessage', kind: 'error', error: 'invalid_blocks', count: 1 });
    rig.slack.fail({ method: 'chat.postMessage', kind: 'hang', count: 1 });
    const uids = Array.from({ length: 4 }, (_, i) => fail(`Slack Chaos ${i}`));
    await rig.slack.waitFor(() => uids.every((uid) => rig.alertsFor(uid) >= 1), 60_000);
    await waitForMorePolls(rig.bot(), 2, 60_000); // a whole poll after the last post: nothing is posted twice
    expect(uids.map((uid) => rig.alertsFor(uid))).toEqual([1, 1, 1, 1]);
    const plain = rig.slack.messages.filter(
      (m) => uids.includes(String(m.metadata?.event_payload['key'])) && !m.blocks,
    );
    expect(plain).toHaveLength(1); // the one Slack refused the blocks of went out as plain text
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
