import { writeFileSync } from 'node:fs';
import { STORM_DETAILS_CAP } from '../../../src/watcher/storm-thread.js';
import { blockById, textOf } from '../../helpers/slack-blocks.js';
import { crashAtPost, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;
/** A day-long RPO: a job stopped for 100 minutes misses its run without its VMs going stale. */
const ONLY_MISSED = { protection: { rpoDefaultMs: 24 * 60 * MINUTE } };

const keyOf = (m: { metadata?: { event_payload: Record<string, unknown> } }): string =>
  String(m.metadata?.event_payload['key'] ?? '');
const storms = (x: ProtectionHarness) => x.topLevel().filter((m) => keyOf(m).startsWith('protection-storm:'));
const missedAlerts = (x: ProtectionHarness) => x.topLevel().filter((m) => keyOf(m).startsWith('missed:'));
const jobName = (i: number) => `Prot Storm ${String(i).padStart(2, '0')}`;

/** `count` hourly watched jobs, checked once (the baseline), then all stopped at once (a backup server went down). */
async function stopMany(x: ProtectionHarness, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1)
    await x.control('POST', 'jobs', {
      name: jobName(i),
      vms: [`storm-vm${i}`],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
  expect((await x.check()).ok).toBe(true);
  for (let i = 0; i < count; i += 1)
    await x.control('POST', `jobs/${encodeURIComponent(jobName(i))}`, { stopRunning: true });
}

const missedRecords = (x: ProtectionHarness) =>
  Object.values(x.watcher.state().protection?.posts ?? {}).filter((p) => p.key.startsWith('missed:'));

describe('protection storms', () => {
  it('posts up to STORM_THRESHOLD protection alerts one by one', async () => {
    h = await start(ONLY_MISSED);
    await stopMany(h, 5);

    await h.check(100 * MINUTE);

    expect(missedAlerts(h)).toHaveLength(5);
    expect(storms(h)).toHaveLength(0);
  });

  it('beyond the threshold: one summary naming the counts, details in its thread, each alert recorded once; a restart does not repost; recoveries thread under it', async () => {
    h = await start({ file: true });
    const count = STORM_DETAILS_CAP + 4;
    await stopMany(h, count);

    // Each stopped job misses its run and its VM goes stale: two alerts per job.
    const report = await h.check(100 * MINUTE);

    expect(report).toMatchObject({ ok: true, opened: 2 * count });
    expect(missedAlerts(h)).toHaveLength(0);
    const [summary, ...more] = storms(h);
    expect(more).toHaveLength(0);
    expect(h.topLevel()).toHaveLength(2);
    expect(textOf(blockById(summary, 'header'))).toBe(
      `🛡️ ${2 * count} protection alerts: ${count} missed runs, ${count} RPO breaches (${count} VMs)`,
    );
    expect(textOf(blockById(summary, 'mention'))).toBe('<!subteam^S1>');
    expect(textOf(blockById(summary, 'protection_storm'))).toContain('*Prot Storm 00*');
    expect(textOf(blockById(summary, 'protection_storm_hint'))).toContain('`/veeam protection`');
    const details = h.replies(summary?.ts ?? '');
    expect(details).toHaveLength(STORM_DETAILS_CAP);
    expect(details.every((m) => !m.text.includes('<!subteam^S1>'))).toBe(true);
    const records = missedRecords(h);
    expect(records).toHaveLength(count);
    expect(records.every((r) => r.status === 'sent' && r.ts === summary?.ts && r.channel === ALERTS)).toBe(
      true,
    );

    await h.restartLoop();
    await h.check(5 * MINUTE);
    await h.check(5 * MINUTE);
    expect(storms(h)).toHaveLength(1);
    expect(missedAlerts(h)).toHaveLength(0);
    expect(h.replies(summary?.ts ?? '')).toHaveLength(STORM_DETAILS_CAP);

    for (let i = 0; i < count; i += 1)
      await h.control('POST', `jobs/${encodeURIComponent(jobName(i))}`, { resumeRunning: true });
    await h.check(61 * MINUTE);
    const thread = h.replies(summary?.ts ?? '');
    expect(thread.filter((m) => m.text.includes('ran again'))).toHaveLength(count);
    expect(thread.filter((m) => m.text.includes('protected again'))).toHaveLength(count);
    expect(h.topLevel()).toHaveLength(2);
  });

  it('alerts what ALERT_BACKFILL lets through at the first start individually, however many', async () => {
    h = await start({
      protection: { ...ONLY_MISSED.protection, backfillMs: 24 * 60 * MINUTE },
    });
    for (let i = 0; i < 8; i += 1)
      await h.control('POST', 'jobs', {
        name: jobName(i),
        vms: [`storm-vm${i}`],
        everyMinutes: 60,
        lastRunMinutesAgo: 150,
      });

    await h.check();

    expect(missedAlerts(h)).toHaveLength(8);
    expect(storms(h)).toHaveLength(0);
  });

  it('a storm killed between pending and sent is settled from the history on restart, not posted again', async () => {
    const { crash, wrap } = crashAtPost(
      (message) => message.text.includes('protection alerts'),
      true,
      () => h?.dataFile,
    );
    h = await start({ ...ONLY_MISSED, file: true, wrapChat: wrap });
    await stopMany(h, 8);
    await h.check(100 * MINUTE);
    expect(crash.died).toBe(true);
    const onDisk = JSON.parse(crash.fileAtDeath) as {
      protection?: { posts: Record<string, { key: string; status: string }> };
    };
    const pendingOnDisk = Object.values(onDisk.protection?.posts ?? {}).filter((p) => p.status === 'pending');
    expect(pendingOnDisk).toHaveLength(9);

    writeFileSync(h.dataFile ?? '', crash.fileAtDeath);
    crash.armed = false;
    await h.restartLoop();
    await h.check(MINUTE);
    await h.check(10 * MINUTE);

    const [summary, ...more] = storms(h);
    expect(more).toHaveLength(0);
    expect(missedAlerts(h)).toHaveLength(0);
    const records = missedRecords(h);
    expect(records).toHaveLength(8);
    expect(records.every((r) => r.status === 'sent' && r.ts === summary?.ts)).toBe(true);
  });
});
