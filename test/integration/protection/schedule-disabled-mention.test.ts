import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const notices = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header') === '⏸️ Schedule disabled: Prot Paused');

describe('a schedule switched off', () => {
  it('gets one notice routed as Warning, with ALERT_MENTION_WARNING (not the Failed mention)', async () => {
    h = await start({
      config: { mentionFailed: '<!subteam^SFAIL>', mentionWarning: '<!subteam^SWARN>' },
    });
    await h.control('POST', 'jobs', { name: 'Prot Paused', vms: ['prot-p'], everyMinutes: 60 });
    await h.check();
    expect(notices(h)).toHaveLength(0);
    await h.control('POST', 'jobs/Prot%20Paused', { scheduleEnabled: false });
    await h.check(MINUTE);
    await h.check(MINUTE);
    const [notice] = notices(h);
    expect(notices(h)).toHaveLength(1);
    expect(notice?.text.startsWith('<!subteam^SWARN> ')).toBe(true);
    expect(blockText(notice ?? {}, 'protection_disabled')).toMatch(/^<!subteam\^SWARN> Job \*Prot Paused\*/);
    expect(JSON.stringify(notice)).not.toContain('SFAIL');
  });
});
