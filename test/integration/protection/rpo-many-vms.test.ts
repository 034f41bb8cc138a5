import { RPO_ALERT_VMS } from '../../../src/views/protection-alert-view.js';
import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const blockText = (m: { blocks?: unknown[] }, id: string): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === id)?.text?.text ?? '';

describe('an RPO breach of more VMs than one alert lists', () => {
  it('is one alert for the job: the first RPO_ALERT_VMS VMs and "… and N more", every VM recorded once', async () => {
    const count = RPO_ALERT_VMS + 7;
    h = await start({ protection: { rpoDefaultMs: 40 * MINUTE } });
    const vms = Array.from({ length: count }, (_, i) => `prot-many-${String(i).padStart(2, '0')}`);
    await h.control('POST', 'jobs', { name: 'Prot Many', vms, everyMinutes: 60, lastRunMinutesAgo: 5 });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Many', { stopRunning: true });
    await h.check(50 * MINUTE);

    const alerts = h
      .topLevel()
      .filter((m) => blockText(m, 'protection_header') === '⌛ RPO breached: Prot Many');
    expect(alerts).toHaveLength(1);
    const lines = blockText(alerts[0] ?? {}, 'protection_vms').split('\n');
    expect(lines).toHaveLength(RPO_ALERT_VMS + 1);
    expect(lines.at(-1)).toBe('… and 7 more, all stale');
    expect(new Set(lines.slice(0, -1).map((l) => /\*(prot-many-\d+)\*/.exec(l)?.[1])).size).toBe(
      RPO_ALERT_VMS,
    );
    expect(alerts[0]?.text).toContain(`${count} VMs of Prot Many`);
    const episodes = Object.values(h.watcher.state().protection?.episodes ?? {}).filter(
      (e) => e.kind === 'rpo' && e.jobUid !== undefined && e.name === 'Prot Many',
    );
    expect(episodes).toHaveLength(count);
    expect(episodes.every((e) => Object.values(e.messages).includes(alerts[0]?.ts ?? ''))).toBe(true);

    await h.check(10 * MINUTE);
    expect(h.topLevel().filter((m) => blockText(m, 'protection_header').startsWith('⌛'))).toHaveLength(1);
  });
});
