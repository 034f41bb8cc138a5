import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const HOUR = 60 * MINUTE;
const alertKeys = () => h.topLevel(ALERTS).map((m) => m.metadata?.event_payload['key']);

describe.each([
  ['2 h behind', -2 * HOUR],
  ['30 min behind', -30 * MINUTE],
  ['2 h ahead of', 2 * HOUR],
])('EM’s clock %s ours', (_label, skew) => {
  it('alerts every failure once, on EM’s time, and what ended before the bot started never', async () => {
    h = await startHarness();
    h.sim.clock.advance(skew);
    // On EM's clock: ended before the bot started (history), then 30 s after it (a young bot's first news).
    h.stopped({ jobName: 'Old Job', result: 'Failed' }, 5 * MINUTE);
    h.advance(30_000);
    const early = h.stopped({ jobName: 'Early Job', result: 'Failed' });
    await h.poll(MINUTE);
    const later = h.stopped({ jobName: 'Later Job', result: 'Failed' });
    for (let i = 0; i < 5; i += 1) await h.poll(MINUTE);
    h.advance(3 * HOUR);
    const much = h.stopped({ jobName: 'Much Later Job', result: 'Failed' });
    for (let i = 0; i < 3; i += 1) await h.poll(MINUTE);

    expect(alertKeys()).toEqual([early.uid, later.uid, much.uid]);
    expect(h.watcher.state().emSkewMs).toBe(skew);
  });

  it('follows EM’s clock when it is set right again, alerting nothing twice and nothing never', async () => {
    h = await startHarness();
    h.sim.clock.advance(skew);
    const before = h.stopped({ jobName: 'Skewed Job', result: 'Failed' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    // The administrator fixes EM's clock; a failure comes right after.
    h.sim.clock.advance(-skew);
    const after = h.stopped({ jobName: 'Fixed Job', result: 'Failed' });
    for (let i = 0; i < 3; i += 1) await h.poll(MINUTE);

    expect(alertKeys()).toEqual([before.uid, after.uid]);
    expect(h.watcher.state().emSkewMs).toBeUndefined();
  });
});
