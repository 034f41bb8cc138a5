import { missedRunAlert, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

describe('a job that leaves the watched set', () => {
  it('closes its open alert with one reply saying so, and the alert is not answered again', async () => {
    h = await start();
    const ts = (await missedRunAlert(h, 'Prot Leaving'))?.ts ?? '';
    expect(h.replies(ts)).toEqual([]);

    // PROTECTION_JOBS (the loop's job filter) no longer matches it: the next check does not list it.
    await h.restartLoop({ jobs: 'Other*' });
    await h.check(MINUTE);
    expect(h.replies(ts).map((m) => m.text)).toEqual([
      expect.stringContaining(
        'Prot Leaving is no longer watched: deleted in Enterprise Manager, or no longer matched by PROTECTION_JOBS or WATCH_TYPES',
      ),
    ]);
    await h.check(10 * MINUTE);
    expect(h.replies(ts)).toHaveLength(1);
  });
});
