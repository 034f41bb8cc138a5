import { allPolicies } from '../../../src/watcher/protection-read.js';
import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const headers = (x: ProtectionHarness): string[] =>
  x
    .topLevel()
    .map(
      (m) => (m.blocks as Block[] | undefined)?.find((b) => b.block_id === 'protection_header')?.text?.text,
    )
    .filter((t): t is string => t !== undefined);
const policyQueries = (x: ProtectionHarness): number => x.sim.stats().requests.byType['CdpPolicy'] ?? 0;

/** Stops a policy and moves the clock past its NextRun plus the 30-minute grace. */
async function stopAndPassGrace(x: ProtectionHarness, name: string): Promise<void> {
  await x.control('POST', `jobs/${encodeURIComponent(name)}`, { stopRunning: true });
  const policy = (await allPolicies(x.client)).find((p) => p.name === name);
  const nextRun = policy?.schedule.nextRun?.getTime();
  expect(nextRun).toBeDefined();
  await x.check((nextRun ?? 0) + 31 * MINUTE - x.sim.clock.now());
}

describe('CDP policies are watched like jobs', () => {
  it('a policy that stops running misses its run; one whose schedule is switched off gets the notice', async () => {
    h = await start({ protection: { jobs: 'CDP Policy *' } });
    await h.check();
    await h.control('POST', 'jobs/CDP%20Policy%202', { scheduleEnabled: false });
    await stopAndPassGrace(h, 'CDP Policy 1');
    expect(headers(h).sort()).toEqual(['⏰ Missed run: CDP Policy 1', '⏸️ Schedule disabled: CDP Policy 2']);
    await h.check(10 * MINUTE);
    expect(headers(h)).toHaveLength(2);
    // Its newest start is read from its CDP sessions (by PolicyUid): none since, so "no longer due", not "ran again".
    await h.control('POST', 'jobs/CDP%20Policy%201', { resumeRunning: true });
    await h.check(1000);
    const [missed] = h.topLevel().filter((m) => m.text.includes('CDP Policy 1 missed its run'));
    expect(h.replies(missed?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringContaining('CDP Policy 1 is no longer due: its next run moved to'),
    ]);
  });

  it('not without `cdp` in WATCH_TYPES: no policy is read or alerted', async () => {
    h = await start({
      config: { kinds: ['backup', 'replica'] },
      protection: { jobs: 'CDP Policy *' },
    });
    await h.check();
    const before = policyQueries(h);
    await stopAndPassGrace(h, 'CDP Policy 1');
    expect(policyQueries(h) - before).toBe(1); // the test's own look-up, none by the check
    expect(headers(h)).toEqual([]);
  });
});
