import { protectionOverview } from '../../../src/protection/overview.js';
import { emptyProtectionMemory } from '../../../src/watcher/protection-state.js';
import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const rpoAlerts = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header') === '⌛ RPO breached: Prot Never');
const HOUR = 60 * MINUTE;

describe('a VM its job includes but with no restore point at all', () => {
  it('gets one RPO alert ("no restore point seen") one RPO after the loop first saw it, and recovers with a point', async () => {
    h = await start({ protection: { rpoDefaultMs: 2 * HOUR } });
    await h.check();
    // Every run fails: the job's VMs never get a point.
    await h.control('POST', 'jobs', {
      name: 'Prot Never',
      vms: ['prot-n1', 'prot-n2'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
      lastResult: 'Failed',
      pastRuns: 0,
    });
    await h.check();
    await h.check(HOUR);
    expect(rpoAlerts(h)).toHaveLength(0);
    await h.check(61 * MINUTE);
    const [alert] = rpoAlerts(h);
    expect(rpoAlerts(h)).toHaveLength(1);
    expect(blockText(alert ?? {}, 'protection_vms')).toBe(
      '• *prot-n1*: no restore point seen\n• *prot-n2*: no restore point seen',
    );
    await h.check(10 * MINUTE);
    expect(rpoAlerts(h)).toHaveLength(1);

    // A run that backs up prot-n1 only: it is protected again, prot-n2 stays stale.
    await h.control('POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Prot Never',
      state: 'Stopped',
      result: 'Success',
      tasks: [{ vmName: 'prot-n1', result: 'Success', state: 'Completed' }],
    });
    await h.check(MINUTE);
    expect(h.replies(alert?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringContaining('prot-n1 is protected again'),
    ]);
    const state = h.watcher.state();
    const job = protectionOverview(state.protection ?? emptyProtectionMemory(), {
      now: h.clock.now(),
      overrides: state.rpoOverrides,
      rpoDefaultMs: h.protection.rpoDefaultMs,
    }).find((j) => j.name === 'Prot Never');
    expect(job?.state).toBe('stale');
    expect(job?.vms.map((v) => [v.vm, v.state, v.ageMs === undefined])).toEqual([
      ['prot-n2', 'stale', true],
      ['prot-n1', 'protected', false],
    ]);
  });

  it('at the first start, VMs without a point in the read window count in the summary, not one by one', async () => {
    h = await start({ protection: { rpoDefaultMs: 2 * HOUR } });
    await h.control('POST', 'jobs', {
      name: 'Prot Never',
      vms: ['prot-n1', 'prot-n2', 'prot-n3'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
      lastResult: 'Failed',
      pastRuns: 0,
    });
    await h.check();
    const summaries = h.topLevel().filter((m) => blockText(m, 'protection_summary'));
    expect(summaries.map((m) => blockText(m, 'protection_summary'))).toEqual([
      expect.stringContaining('3 VMs have no restore point within their RPO'),
    ]);
    expect(rpoAlerts(h)).toHaveLength(0);
  });
});
