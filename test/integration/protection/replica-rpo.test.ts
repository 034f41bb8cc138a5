import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const header = (m: { blocks?: unknown[] }): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === 'protection_header')?.text?.text ?? '';
const HOUR = 60 * MINUTE;

describe('replica jobs: the RPO is learned from runs, not from the VMs of one run', () => {
  it('a replica job every 6 h with several VMs is not breached 5 h after its last run, and is at 10 h', async () => {
    h = await start({ protection: { backfillMs: 30 * 24 * HOUR } });
    await h.control('POST', 'jobs', {
      name: 'Prot Replica',
      type: 'Replica',
      vms: ['prot-r1', 'prot-r2', 'prot-r3', 'prot-r4', 'prot-r5', 'prot-r6'],
      everyMinutes: 360,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Replica', { stopRunning: true });
    await h.check(5 * HOUR);
    expect(h.topLevel().map(header)).not.toContain('⌛ RPO breached: Prot Replica');
    await h.check(5 * HOUR);
    const alerts = h.topLevel().filter((m) => header(m) === '⌛ RPO breached: Prot Replica');
    expect(alerts).toHaveLength(1);
    const rpo = (alerts[0]?.blocks as Block[]).find((b) => b.block_id === 'protection_rpo')?.text?.text;
    // 1.5 x the 6 h interval, give or take the seconds between the first VMs of two runs.
    expect(rpo).toMatch(/RPO (9h|8h 5\dm) \(learned from its last runs\)/);
  });
});
