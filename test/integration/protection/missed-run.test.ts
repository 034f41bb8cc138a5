import { afterEach, describe, expect, it } from '@jest/globals';
import { startProtectionHarness, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { jobsNamed } from '../../../src/em/estate.js';
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
const missedAlerts = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => headerOf(m)?.startsWith('⏰ Missed run: Prot Hourly'));

describe('missed runs', () => {
  it('a job that stops running gets one alert after the grace, none before, and "ran again" when it resumes', async () => {
    h = await startProtectionHarness();
    await h.control('POST', 'jobs', {
      name: 'Prot Hourly',
      vms: ['prot-vm1'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    expect((await h.check()).ok).toBe(true);
    await h.control('POST', 'jobs/Prot%20Hourly', { stopRunning: true });
    const [job] = await jobsNamed(h.client, 'Prot Hourly');
    const nextRun = job?.schedule.nextRun?.getTime() ?? 0;
    // The grace is 30 minutes after NextRun.
    await h.check(nextRun + 29 * MINUTE - h.sim.clock.now());
    expect(missedAlerts(h)).toHaveLength(0);
    await h.check(2 * MINUTE);
    expect(missedAlerts(h)).toHaveLength(1);
    await h.check(10 * MINUTE);
    expect(missedAlerts(h)).toHaveLength(1);

    await h.control('POST', 'jobs/Prot%20Hourly', { resumeRunning: true });
    await h.check(61 * MINUTE);
    const [alert] = missedAlerts(h);
    expect(h.replies(alert?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringContaining('Prot Hourly ran again'),
    ]);
    await h.check(60 * MINUTE);
    expect(h.replies(alert?.ts ?? '')).toHaveLength(1);
  });
});
