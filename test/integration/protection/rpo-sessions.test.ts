import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string }; elements?: { text: string }[] };
const contextText = (m: { blocks?: unknown[] }, id: string): string | undefined =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === id)?.elements?.[0]?.text;
const headerText = (m: { blocks?: unknown[] }): string | undefined =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === 'protection_header')?.text?.text;
const HOUR = 60 * MINUTE;
const sessionQueries = (x: ProtectionHarness): number =>
  x.sim.stats().requests.byType['BackupJobSession'] ?? 0;

describe("an RPO alert shows the job's last sessions", () => {
  it('the newest three, newest first, with result and end time, read only for the alerted job', async () => {
    h = await start({ protection: { rpoDefaultMs: 2 * HOUR } });
    await h.control('POST', 'jobs', {
      name: 'Prot *Sess*',
      vms: ['prot-s'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
      lastResult: 'Warning',
    });
    for (const name of ['Prot Fine 1', 'Prot Fine 2', 'Prot Fine 3'])
      await h.control('POST', 'jobs', { name, vms: [`${name}-vm`], everyMinutes: 30, lastRunMinutesAgo: 1 });
    await h.check();
    await h.control('POST', 'jobs/Prot%20*Sess*', { stopRunning: true });
    // Keep the healthy jobs' points fresh: checks every 20 minutes until the stopped job's point is past its RPO.
    for (let i = 0; i < 5; i += 1) await h.check(20 * MINUTE);
    expect(h.topLevel().filter((m) => headerText(m)?.startsWith('⌛'))).toHaveLength(0);
    const before = sessionQueries(h);
    await h.check(20 * MINUTE);
    const alerts = h.topLevel().filter((m) => headerText(m)?.startsWith('⌛'));
    expect(alerts.map(headerText)).toEqual(['⌛ RPO breached: Prot *Sess*']);
    // One query for the missed-run candidate (it stopped too), one for the alert's sessions: not one per job.
    expect(sessionQueries(h) - before).toBe(2);
    const line = contextText(alerts[0] ?? {}, 'protection_sessions') ?? '';
    const items = line.replace(/^Last sessions: /, '').split(' · ');
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^:warning: Warning, ended \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(items.slice(1).every((i) => /^:white_check_mark: Success, ended /.test(i))).toBe(true);
    const ended = items.map((i) => i.replace(/^.*ended /, ''));
    expect([...ended].sort().reverse()).toEqual(ended);
  });
});
