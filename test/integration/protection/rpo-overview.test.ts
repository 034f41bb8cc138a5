import { createCatalog } from '../../../src/commands/catalog.js';
import { protectionCommand } from '../../../src/commands/handlers/protection.js';
import { protectionOverview } from '../../../src/protection/overview.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { emptyProtectionMemory } from '../../../src/watcher/protection-state.js';
import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

describe('the RPO /veeam protection, the digest and Home show', () => {
  it("is the loop's: a job too new to learn one is alerted at 1.5 x its interval and shown stale with that RPO", async () => {
    h = await start();
    // One run only: nothing to learn from, so the RPO comes from the hourly schedule (1h 30m).
    await h.control('POST', 'jobs', { name: 'Prot New', vms: ['prot-n'], everyMinutes: 60, pastRuns: 0 });
    await h.check();
    await h.control('POST', 'jobs/Prot%20New', { stopRunning: true });
    await h.check(100 * MINUTE);
    const [alert] = h
      .topLevel()
      .filter((m) => blockText(m, 'protection_header') === '⌛ RPO breached: Prot New');
    expect(blockText(alert ?? {}, 'protection_rpo')).toMatch(/RPO 1h 30m \(from its schedule\)/);

    const state = h.watcher.state();
    const overview = protectionOverview(state.protection ?? emptyProtectionMemory(), {
      now: h.clock.now(),
      overrides: state.rpoOverrides,
      rpoDefaultMs: h.protection.rpoDefaultMs,
    });
    const job = overview.find((j) => j.name === 'Prot New');
    expect(job?.rpo).toEqual({ ms: 90 * MINUTE, source: 'schedule' });
    expect(job?.vms.map((v) => [v.vm, v.state])).toEqual([['prot-n', 'stale']]);

    const answer = await protectionCommand(
      'Prot New',
      { userId: 'U1', channelId: 'C1' },
      {
        watcher: h.watcher,
        client: h.client,
        clock: h.clock,
        logger: silentLogger,
        protection: h.protection,
        catalog: createCatalog({ client: h.client, clock: h.clock, ttlMs: 0 }),
      },
    );
    const shown = JSON.stringify(answer);
    expect(shown).toContain('RPO 1h 30m (from its schedule)');
    expect(shown).toMatch(/:hourglass: \*prot-n\* · newest point/);
  });
});
