import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const withBlock = (x: ProtectionHarness, id: string) =>
  x.fake.messages.filter((m) => ((m.blocks ?? []) as Block[]).some((b) => b.block_id === id));
const header = (m: { blocks?: unknown[] }): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === 'protection_header')?.text?.text ?? '';
const missed = (x: ProtectionHarness) => x.topLevel().filter((m) => header(m) === '⏰ Missed run: Prot Down');
/** A day-long RPO: only the missed run is the subject. */
const ONLY_MISSED = { protection: { rpoDefaultMs: 24 * 60 * MINUTE } };

/** A watched hourly job, seen by a first check, then stopped: its NextRun + grace comes ~82 minutes later. */
async function jobThatStops(x: ProtectionHarness): Promise<void> {
  await x.control('POST', 'jobs', {
    name: 'Prot Down',
    vms: ['prot-down'],
    everyMinutes: 60,
    lastRunMinutesAgo: 5,
  });
  expect((await x.check()).ok).toBe(true);
  await x.control('POST', 'jobs/Prot%20Down', { stopRunning: true });
}

describe('Enterprise Manager down during protection checks', () => {
  it('the protection loop alone: one outage notice after OUTAGE_NOTICE_AFTER, no alert while EM is down, the missed run alerted once EM is back', async () => {
    h = await start(ONLY_MISSED);
    await jobThatStops(h);
    h.sim.setFaults({ status: 503 });

    const first = await h.check(MINUTE);
    expect(first.ok).toBe(false);
    const since = h.watcher.state().outage.since;
    expect(since).toBe(h.clock.now());
    await h.check(10 * MINUTE);
    expect(withBlock(h, 'outage')).toHaveLength(0);
    for (let i = 0; i < 12; i += 1) expect((await h.check(10 * MINUTE)).ok).toBe(false);
    // Two hours down: past the missed run's NextRun + grace, and yet nothing judged.
    expect(withBlock(h, 'outage')).toHaveLength(1);
    expect(h.watcher.state().outage.since).toBe(since);
    expect(missed(h)).toHaveLength(0);
    expect(h.topLevel().filter((m) => header(m) !== '')).toHaveLength(0);

    h.sim.clearFaults();
    expect((await h.check(MINUTE)).ok).toBe(true);
    await h.check(10 * MINUTE);
    expect(missed(h)).toHaveLength(1);
    expect(withBlock(h, 'outage_recovered')).toHaveLength(1);
    expect(withBlock(h, 'outage')).toHaveLength(1);
    expect(h.watcher.state().outage).toEqual({ since: null, lastError: null, noticePosted: false });
  });

  it('shares the outage with the session watcher: one notice and one recovery for both loops', async () => {
    h = await start(ONLY_MISSED);
    await jobThatStops(h);
    await h.watcher.runOnce();
    h.sim.setFaults({ status: 503 });

    for (let i = 0; i < 12; i += 1) {
      expect((await h.poll(5 * MINUTE)).ok).toBe(false);
      expect((await h.check(5 * MINUTE)).ok).toBe(false);
    }
    expect(withBlock(h, 'outage')).toHaveLength(1);
    expect(missed(h)).toHaveLength(0);

    h.sim.clearFaults();
    expect((await h.check(MINUTE)).ok).toBe(true);
    expect((await h.poll(MINUTE)).ok).toBe(true);
    await h.check(MINUTE);
    await h.poll(MINUTE);
    expect(withBlock(h, 'outage')).toHaveLength(1);
    expect(withBlock(h, 'outage_recovered')).toHaveLength(1);
    expect(missed(h)).toHaveLength(1);
  });

  it('a short outage posts nothing and loses nothing', async () => {
    h = await start(ONLY_MISSED);
    await jobThatStops(h);
    await h.check(80 * MINUTE);
    expect(missed(h)).toHaveLength(0);
    h.sim.setFaults({ reset: true });
    // NextRun + grace passes during these five minutes.
    expect((await h.check(5 * MINUTE)).ok).toBe(false);
    h.sim.clearFaults();
    expect((await h.check(MINUTE)).ok).toBe(true);
    expect(missed(h)).toHaveLength(1);
    expect(withBlock(h, 'outage')).toHaveLength(0);
    expect(withBlock(h, 'outage_recovered')).toHaveLength(0);
  });

  it('a job that keeps running through a long outage is not called missed when EM is back', async () => {
    h = await start(ONLY_MISSED);
    await h.control('POST', 'jobs', {
      name: 'Prot Down',
      vms: ['prot-down'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    expect((await h.check()).ok).toBe(true);
    h.sim.setFaults({ status: 503 });
    for (let i = 0; i < 18; i += 1) expect((await h.check(10 * MINUTE)).ok).toBe(false);
    h.sim.clearFaults();
    expect((await h.check(MINUTE)).ok).toBe(true);
    await h.check(10 * MINUTE);
    expect(missed(h)).toHaveLength(0);
    expect(withBlock(h, 'outage_recovered')).toHaveLength(1);
  });
});
