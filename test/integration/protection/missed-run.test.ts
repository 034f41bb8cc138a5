import {
  missedAlertsOf,
  missedRunAlert,
  startedPerTest,
  type ProtectionHarness,
} from '../../helpers/protection-harness.js';
import { jobsNamed } from '../../../src/em/estate.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const missedAlerts = (x: ProtectionHarness) => missedAlertsOf(x, 'Prot Hourly');

describe('missed runs', () => {
  it('a job that stops running gets one alert after the grace, none before, and "ran again" when it resumes', async () => {
    h = await start();
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
    // The newest start is before the missed slot, so the check's batched read (since the slot) did not see it:
    // it is read for the alert, one page of one.
    const lastStart = new Date(nextRun - 60 * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
    expect(JSON.stringify(missedAlerts(h)[0]?.blocks)).toContain(`Newest session started: ${lastStart} UTC`);
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
    h = await start();
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
    h = await start();
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

describe('missed runs at scale', () => {
  it('re-checks 25 open missed runs with 2 batched session queries, not one per job, and opens nothing twice', async () => {
    h = await start();
    const names = Array.from({ length: 25 }, (_, i) => `Prot Many ${String(i + 1).padStart(2, '0')}`);
    for (const name of names)
      await h.control('POST', 'jobs', { name, vms: [`${name}-vm`], everyMinutes: 60, lastRunMinutesAgo: 5 });
    await h.check();
    for (const name of names)
      await h.control('POST', `jobs/${encodeURIComponent(name)}`, { stopRunning: true });
    const [job] = await jobsNamed(h.client, names[0] ?? '');
    const opened = await h.check((job?.schedule.nextRun?.getTime() ?? 0) + 31 * MINUTE - h.sim.clock.now());
    expect(opened).toMatchObject({ ok: true, opened: 25 });
    const posts = h.fake.calls.length;

    await h.control('POST', 'stats/reset');
    expect(await h.check(MINUTE)).toMatchObject({ ok: true, opened: 0, recovered: 0 });
    const stats = (await h.control('GET', 'stats')).json as { requests: { byType: Record<string, number> } };
    // One OR of at most 20 job UIDs per query: 25 open missed runs are 2 queries (before: 25).
    expect(stats.requests.byType['BackupJobSession']).toBe(2);
    expect(h.fake.calls.length).toBe(posts);
  });
});
