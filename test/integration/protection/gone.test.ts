import { afterEach, describe, expect, it } from '@jest/globals';
import { jobsNamed } from '../../../src/em/estate.js';
import { startProtectionHarness, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

let h: ProtectionHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const headerOf = (m: { blocks?: unknown[] }): string | undefined =>
  (m.blocks as { block_id?: string; text?: { text: string } }[] | undefined)?.find(
    (b) => b.block_id === 'protection_header',
  )?.text?.text;

describe('a job that leaves the watched set', () => {
  it('closes its open alert with one reply saying so, and the alert is not answered again', async () => {
    h = await startProtectionHarness();
    await h.control('POST', 'jobs', {
      name: 'Prot Leaving',
      vms: ['prot-leaving-vm1'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Leaving', { stopRunning: true });
    const [job] = await jobsNamed(h.client, 'Prot Leaving');
    await h.check((job?.schedule.nextRun?.getTime() ?? 0) + 31 * MINUTE - h.sim.clock.now());
    const alerts = h.topLevel().filter((m) => headerOf(m)?.startsWith('⏰ Missed run: Prot Leaving'));
    expect(alerts).toHaveLength(1);
    const ts = alerts[0]?.ts ?? '';
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
