import { jobsNamed } from '../../../src/em/estate.js';
import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const blockText = (m: { blocks?: unknown[] }, id: string): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === id)?.text?.text ?? '';
const notices = (x: ProtectionHarness, job: string) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header') === `⏸️ Schedule disabled: ${job}`);

async function createJob(x: ProtectionHarness, name: string, scheduleEnabled = true): Promise<void> {
  const res = await x.control('POST', 'jobs', {
    name,
    vms: [`${name.toLowerCase().replace(/ /g, '-')}-vm`],
    everyMinutes: 60,
    lastRunMinutesAgo: 5,
    scheduleEnabled,
  });
  expect(res.status).toBe(201);
}

const setSchedule = async (x: ProtectionHarness, name: string, scheduleEnabled: boolean) =>
  expect((await x.control('POST', `jobs/${encodeURIComponent(name)}`, { scheduleEnabled })).status).toBe(200);

describe('a schedule switched off', () => {
  it('gets one notice naming the job and its backup server; none at first start, none on the next checks, none across a restart', async () => {
    h = await start({ file: true });
    await createJob(h, 'Prot Sched');
    await createJob(h, 'Prot Already Off', false);
    expect((await h.check()).ok).toBe(true);
    // Disabled before the first check: history, not news.
    expect(notices(h, 'Prot Already Off')).toHaveLength(0);
    await h.check(MINUTE);
    expect(notices(h, 'Prot Already Off')).toHaveLength(0);

    await setSchedule(h, 'Prot Sched', false);
    await h.check(MINUTE);
    const [notice, ...more] = notices(h, 'Prot Sched');
    expect(more).toHaveLength(0);
    const [job] = await jobsNamed(h.client, 'Prot Sched');
    const server = job?.backupServerName ?? '';
    expect(server).not.toBe('');
    const body = blockText(notice ?? {}, 'protection_disabled');
    expect(body).toContain('*Prot Sched*');
    expect(body).toContain(`*${server}*`);
    expect(notice?.text).toContain('Prot Sched');

    await h.check(MINUTE);
    await h.check(10 * MINUTE);
    await h.restartLoop();
    await h.check(MINUTE);
    expect(notices(h, 'Prot Sched')).toHaveLength(1);
    // A job whose schedule is off is not missing runs: 2 hours later, still no missed-run alert.
    await h.check(120 * MINUTE);
    expect(h.topLevel().filter((m) => blockText(m, 'protection_header').startsWith('⏰'))).toHaveLength(0);
    expect(notices(h, 'Prot Sched')).toHaveLength(1);
  });

  it('switched on and off again: a second episode, a second notice', async () => {
    h = await start();
    await createJob(h, 'Prot Toggle');
    await h.check();
    await setSchedule(h, 'Prot Toggle', false);
    await h.check(MINUTE);
    expect(notices(h, 'Prot Toggle')).toHaveLength(1);
    await setSchedule(h, 'Prot Toggle', true);
    await h.check(MINUTE);
    expect(notices(h, 'Prot Toggle')).toHaveLength(1);
    await setSchedule(h, 'Prot Toggle', false);
    await h.check(MINUTE);
    expect(notices(h, 'Prot Toggle')).toHaveLength(2);
  });

  it('a job outside PROTECTION_JOBS gets no notice', async () => {
    h = await start();
    await createJob(h, 'Other Sched');
    await h.check();
    await setSchedule(h, 'Other Sched', false);
    await h.check(MINUTE);
    expect(notices(h, 'Other Sched')).toHaveLength(0);
  });
});
