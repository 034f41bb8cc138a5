import { afterEach, describe, expect, it } from '@jest/globals';
import {
  missedAlertsOf,
  missedRunAlert,
  startProtectionHarness,
  type ProtectionHarness,
} from '../../helpers/protection-harness.js';
import { jobsNamed } from '../../../src/em/estate.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

let h: ProtectionHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const missedAlerts = (x: ProtectionHarness) => missedAlertsOf(x, 'Prot Hourly');

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
      expect.stringMatching(/Prot Hourly ran again \(a session started at .+ UTC\)/),
    ]);
    await h.check(60 * MINUTE);
    expect(h.replies(alert?.ts ?? '')).toHaveLength(1);
  });

  it('a missed job whose schedule is then disabled closes its episode with "no longer due", not "ran again"', async () => {
    h = await startProtectionHarness();
    const alert = await missedRunAlert(h, 'Prot Hourly');
    await h.control('POST', 'jobs/Prot%20Hourly', { scheduleEnabled: false });
    await h.check(MINUTE);
    const lines = h.replies(alert?.ts ?? '').map((m) => m.text);
    expect(lines).toEqual([
      expect.stringContaining('Prot Hourly is no longer due: its schedule was disabled'),
    ]);
    expect(lines.join()).not.toContain('ran again');
    // The episode is closed: enabling it again and running makes no second reply.
    await h.control('POST', 'jobs/Prot%20Hourly', { scheduleEnabled: true, resumeRunning: true });
    await h.check(2 * 60 * MINUTE);
    expect(h.replies(alert?.ts ?? '')).toHaveLength(1);
  });

  it('a missed job whose NextRun moves forward without a run says where it moved; a session later says nothing more', async () => {
    h = await startProtectionHarness();
    const alert = await missedRunAlert(h, 'Prot Hourly');
    await h.control('POST', 'jobs/Prot%20Hourly', { resumeRunning: true });
    await h.check(1000);
    const [job] = await jobsNamed(h.client, 'Prot Hourly');
    const moved = job?.schedule.nextRun?.toISOString().slice(0, 16).replace('T', ' ');
    expect(h.replies(alert?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringContaining(`Prot Hourly is no longer due: its next run moved to ${moved} UTC`),
    ]);
    await h.check(61 * MINUTE);
    expect(h.replies(alert?.ts ?? '')).toHaveLength(1);
  });
});
