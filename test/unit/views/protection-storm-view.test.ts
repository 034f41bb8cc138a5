import {
  buildProtectionStormView,
  type ProtectionStormItem,
} from '../../../src/views/protection-storm-view.js';
import { LIMITS } from '../../../src/views/format/limits.js';
import { blockById, textOf } from './block-queries.js';

const missed = (name: string): ProtectionStormItem => ({ kind: 'missed', name });

describe('buildProtectionStormView', () => {
  it('titles the storm by its counts per kind, worst kinds first, and points to /veeam protection', () => {
    const alerts: ProtectionStormItem[] = [
      { kind: 'disabled', name: 'Dev' },
      { kind: 'repository', name: 'Repo B', level: 'warning' },
      { kind: 'repository', name: 'Repo A', level: 'critical' },
      { kind: 'rpo', name: 'SQL', vms: 3 },
      missed('Nightly'),
      missed('Hourly'),
    ];

    const view = buildProtectionStormView(alerts, { detailsShown: 6 });

    expect(textOf(blockById(view, 'header'))).toBe(
      '🛡️ 6 protection alerts: 2 missed runs, 1 RPO breach (3 VMs), 2 repositories, 1 schedule disabled',
    );
    const lines = textOf(blockById(view, 'protection_storm')).split('\n');
    expect(lines).toEqual([
      '⏰ *Missed run*: *Hourly*, *Nightly*',
      '⌛ *RPO breached*: *SQL* (3 VMs)',
      '💾 *Repository space*: *Repo A* (critical), *Repo B* (warning)',
      '⏸️ *Schedule disabled*: *Dev*',
    ]);
    expect(textOf(blockById(view, 'protection_storm_hint'))).toContain('`/veeam protection`');
    expect(view.text).toBe(
      '6 protection alerts: 2 missed runs, 1 RPO breach (3 VMs), 2 repositories, 1 schedule disabled. Run /veeam protection for the estate at a glance.',
    );
  });

  it('carries the mention once and says how many are in the thread and how many only counted', () => {
    const alerts = Array.from({ length: 30 }, (_, i) => missed(`Job ${i}`));

    const view = buildProtectionStormView(alerts, { detailsShown: 20, mention: '<!subteam^S1>' });

    expect(textOf(blockById(view, 'mention'))).toBe('<!subteam^S1>');
    expect(view.blocks.map(textOf).join('\n').split('<!subteam^S1>')).toHaveLength(2);
    expect(view.text.startsWith('<!subteam^S1> 30 protection alerts')).toBe(true);
    expect(textOf(blockById(view, 'protection_storm_hint'))).toContain(
      'The first 20 in the thread, 10 more counted here',
    );
  });

  it('keeps hostile names literal and 1,000 jobs inside the section limit with "… and N more"', () => {
    const alerts = [
      missed('<!channel> *bold* <https://evil|x>'),
      ...Array.from({ length: 999 }, (_, i) =>
        missed(`Job ${String(i).padStart(4, '0')} ${'x'.repeat(100)}`),
      ),
    ];

    const view = buildProtectionStormView(alerts, { detailsShown: 20 });

    const names = textOf(blockById(view, 'protection_storm'));
    expect(names).not.toContain('<!channel>');
    expect(names).toContain('&lt;!channel&gt;');
    expect(names.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const more = /… and (\d+) more$/.exec(names);
    expect(more).not.toBeNull();
    const listed = names.split(', ').length - 1;
    expect(listed + Number(more?.[1])).toBe(1000);
  });
});
