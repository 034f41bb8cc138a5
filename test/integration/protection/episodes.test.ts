import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const withHeader = (x: ProtectionHarness, prefix: string) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header')?.startsWith(prefix));
const HOUR = 60 * MINUTE;

describe('protection episodes against the simulator', () => {
  it('a VM whose points go stale gets one RPO alert per episode, across a restart, with the RPO source', async () => {
    h = await start({ protection: { rpoDefaultMs: 2 * HOUR } });
    await h.control('POST', 'jobs', {
      name: 'Prot Daily',
      vms: ['prot-a'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Daily', { stopRunning: true });
    await h.check(90 * MINUTE);
    expect(withHeader(h, '⌛ RPO breached: Prot Daily')).toHaveLength(0);
    await h.check(45 * MINUTE);
    const alerts = withHeader(h, '⌛ RPO breached: Prot Daily');
    expect(alerts).toHaveLength(1);
    expect(blockText(alerts[0] ?? {}, 'protection_rpo')).toContain('RPO_DEFAULT');
    expect(blockText(alerts[0] ?? {}, 'protection_vms')).toContain('prot-a');
    await h.restartLoop({ rpoDefaultMs: 2 * HOUR });
    await h.check(10 * MINUTE);
    expect(withHeader(h, '⌛ RPO breached: Prot Daily')).toHaveLength(1);
  });

  it('an RPO learned from history (1.5 x the hourly interval) when no default is set', async () => {
    h = await start();
    await h.control('POST', 'jobs', {
      name: 'Prot Learn',
      vms: ['prot-l'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Learn', { stopRunning: true });
    await h.check(100 * MINUTE);
    const [alert] = withHeader(h, '⌛ RPO breached: Prot Learn');
    expect(blockText(alert ?? {}, 'protection_rpo')).toMatch(/RPO 1h 30m \(learned from its last runs\)/);
  });

  it('a repository alerts once per level crossed, updates in place, recovers only above the hysteresis', async () => {
    h = await start();
    await h.control('POST', 'repositories', { name: 'Prot Repo', capacityGb: 1000, freeGb: 500 });
    await h.check();
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 120 });
    await h.check();
    expect(withHeader(h, '💾 Repository warning: Prot Repo')).toHaveLength(1);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 110 });
    await h.check();
    expect(h.fake.calls.filter((c) => c.method === 'chat.update').length).toBeGreaterThan(0);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 160 });
    await h.check();
    const [warning] = withHeader(h, '💾 Repository warning: Prot Repo');
    expect(h.replies(warning?.ts ?? '')).toHaveLength(0);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 180 });
    await h.check();
    expect(h.replies(warning?.ts ?? '')).toHaveLength(1);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 20 });
    await h.check();
    expect(withHeader(h, '💾 Repository critical: Prot Repo')).toHaveLength(1);
    expect(withHeader(h, '💾 Repository warning: Prot Repo')).toHaveLength(1);
  });

  it('first start: existing breaches make one summary, no alerts; EM down during a check makes none', async () => {
    h = await start({ protection: { jobs: '*' }, history: 300 });
    await h.check();
    expect(h.topLevel().filter((m) => blockText(m, 'protection_summary'))).toHaveLength(1);
    expect(withHeader(h, '')).toHaveLength(0);
    h.sim.setFaults({ status: 503 });
    const down = await h.check(10 * MINUTE);
    expect(down.ok).toBe(false);
    h.sim.setFaults([]);
    await h.check(MINUTE);
    expect(withHeader(h, '⏰')).toHaveLength(0);
  });
});
