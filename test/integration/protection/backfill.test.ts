import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const missed = (x: ProtectionHarness) =>
  x
    .topLevel()
    .map((m) => blockText(m, 'protection_header'))
    .filter((t): t is string => t?.startsWith('⏰ Missed run:') ?? false)
    .sort();
const HOUR = 60 * MINUTE;

/** A watched hourly job whose last run ended `agoMinutes` before now and that stopped running then. */
async function stoppedJob(x: ProtectionHarness, name: string, agoMinutes: number): Promise<void> {
  await x.control('POST', 'jobs', {
    name,
    vms: [`${name}-vm`],
    everyMinutes: 60,
    lastRunMinutesAgo: agoMinutes,
  });
  await x.control('POST', `jobs/${encodeURIComponent(name)}`, { stopRunning: true });
}

describe('ALERT_BACKFILL at first start', () => {
  it('alerts each breach whose start it covers once, and leaves the older ones to the summary', async () => {
    // Breaches start at NextRun (an hour after the last start) + the 30 min grace: about 20 min and 2 h 40 min
    // before the first check for the two recent jobs, about 10 h before it for the old one.
    h = await start({ protection: { backfillMs: 4 * HOUR } });
    await stoppedJob(h, 'Prot Recent A', 110);
    await stoppedJob(h, 'Prot Recent B', 250);
    await stoppedJob(h, 'Prot Old', 700);
    await h.check();
    expect(missed(h)).toEqual(['⏰ Missed run: Prot Recent A', '⏰ Missed run: Prot Recent B']);
    const [summary] = h.topLevel().filter((m) => blockText(m, 'protection_summary'));
    expect(blockText(summary ?? {}, 'protection_summary')).toMatch(
      /^:shield: 1 job missed its run, 1 VM has no restore point within its RPO:/,
    );

    await h.check(10 * MINUTE);
    await h.check(10 * MINUTE);
    expect(missed(h)).toHaveLength(2);
    expect(h.topLevel().filter((m) => blockText(m, 'protection_summary'))).toHaveLength(1);
  });

  it('without it, the same breaches are only in the summary', async () => {
    h = await start();
    await stoppedJob(h, 'Prot Recent A', 110);
    await stoppedJob(h, 'Prot Old', 700);
    await h.check();
    expect(missed(h)).toEqual([]);
    const [summary] = h.topLevel().filter((m) => blockText(m, 'protection_summary'));
    expect(blockText(summary ?? {}, 'protection_summary')).toMatch(
      /^:shield: 2 jobs missed their run, 2 VMs have no restore point within their RPO/,
    );
  });
});
