import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const repoAlerts = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header')?.startsWith('💾 Repository'));

describe('a repository that falls through both levels at once', () => {
  it('gets one alert at the worse level, updated in place to warning, and one recovery above the warning line', async () => {
    h = await start();
    const free = async (freeGb: number) => {
      await h?.control('POST', 'repositories', { name: 'Prot Fall', capacityGb: 1000, freeGb });
      await h?.check();
    };
    await free(500);
    await free(20);
    const [alert] = repoAlerts(h);
    expect(repoAlerts(h)).toHaveLength(1);
    expect(blockText(alert ?? {}, 'protection_header')).toBe('💾 Repository critical: Prot Fall');

    await free(100);
    expect(repoAlerts(h)).toHaveLength(1);
    expect(blockText(repoAlerts(h)[0] ?? {}, 'protection_header')).toBe('💾 Repository warning: Prot Fall');
    expect(blockText(repoAlerts(h)[0] ?? {}, 'protection_repository')).toContain('10.0 % free, below 15 %');
    expect(h.replies(alert?.ts ?? '')).toHaveLength(0);

    await free(200);
    expect(h.replies(alert?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringContaining('Prot Fall is back above 15 % free'),
    ]);
    await free(500);
    expect(repoAlerts(h)).toHaveLength(1);
    expect(h.replies(alert?.ts ?? '')).toHaveLength(1);

    // Falling again is a new episode: a new alert.
    await free(20);
    expect(repoAlerts(h)).toHaveLength(2);
  });
});
