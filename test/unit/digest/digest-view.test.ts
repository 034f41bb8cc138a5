import { buildDigestView } from '../../../src/digest/digest-view.js';
import type { DigestData } from '../../../src/digest/digest-types.js';
import { blockById, type WireBlock } from '../../helpers/slack-blocks.js';

function data(overrides: Partial<DigestData> = {}): DigestData {
  const c = (success: number, warning: number, failed: number) => ({ success, warning, failed });
  return {
    window: { sinceMs: 0, untilMs: Date.parse('2025-03-30T06:00:00Z'), label: '24h' },
    timeZone: 'Europe/Berlin',
    byKind: { backup: c(8, 1, 1), replica: c(2, 0, 0), cdp: c(0, 0, 0), failover: c(0, 0, 0) },
    problems: [
      {
        kind: 'backup',
        jobName: 'SQL *Nightly*',
        result: 'Failed',
        reason: 'Disk <full>',
        href: 'https://em/api/backupSessions/1',
        endedAt: 1,
        count: 2,
      },
    ],
    incidents: [
      {
        jobName: 'Files',
        lastResult: 'Failed',
        failures: 3,
        channel: 'C1',
        ts: '1.1',
        claimedBy: 'Ana <ops>',
      },
    ],
    repositories: [{ name: 'Repo A', capacityBytes: 100e9, freeBytes: 4e9, freePercent: 4 }],
    repoWarnPercent: 10,
    trend: [
      '2025-03-24',
      '2025-03-25',
      '2025-03-26',
      '2025-03-27',
      '2025-03-28',
      '2025-03-29',
      '2025-03-30',
    ].map((date, i) => ({ date, counts: c(10 + i, 1, i % 2) })),
    ...overrides,
  };
}

type Image = WireBlock & { slack_file?: unknown; alt_text?: string };
const block = (blocks: unknown, id: string): Image | undefined =>
  (blocks as Image[]).find((b) => b.block_id === id);
const text = (blocks: unknown, id: string): string => blockById({ blocks }, id).text?.text ?? '';

describe('buildDigestView', () => {
  it('carries the same numbers in the text, the blocks and the chart alt text', () => {
    const view = buildDigestView(data(), { date: '2025-03-30', chartFileId: 'F1' });
    expect(view.text).toContain('12 sessions: 10 success, 1 warning, 1 failed');
    expect(text(view.blocks, 'digest:summary')).toContain(
      '12 sessions: 10 success, 1 warning, 1 failed · success rate 83.3%',
    );
    expect(block(view.blocks, 'digest:kinds')?.fields?.[0]?.text).toBe(
      'Backup: 8 success, 1 warning, 1 failed',
    );
    const image = block(view.blocks, 'digest:chart');
    expect(image?.slack_file).toEqual({ id: 'F1' });
    expect(image?.alt_text).toContain('Sun 30 Mar: 16 success, 1 warning, 0 failed');
    expect(text(view.blocks, 'digest:trend')).toContain('Sun 30 Mar');
  });

  it('shows the repository chart as a second image block whose alt text carries its numbers', () => {
    const view = buildDigestView(data(), {
      date: '2025-03-30',
      chartFileId: 'F1',
      repositoryChartFileId: 'F2',
    });
    const images = (view.blocks as Image[]).filter((b) => b.type === 'image');
    expect(images.map((b) => [b.block_id, b.slack_file])).toEqual([
      ['digest:chart', { id: 'F1' }],
      ['digest:repositories_chart', { id: 'F2' }],
    ]);
    expect(images[1]?.alt_text).toContain('Repo A: 96% used, 4% free');
  });

  it('lists failed jobs with their escaped reason and a button into the session', () => {
    const view = buildDigestView(data(), { date: '2025-03-30' });
    const problem = block(view.blocks, 'item:problem:0');
    expect(problem?.text?.text).toContain('Disk &lt;full&gt;');
    expect(problem?.text?.text).toContain('(2 times)');
    expect(problem?.accessory?.value).toBe('https://em/api/backupSessions/1');
    expect(text(view.blocks, 'digest:incidents')).toContain('claimed by Ana &lt;ops&gt;');
    expect(text(view.blocks, 'digest:repositories')).toContain('Repo A: 4% free');
    expect(block(view.blocks, 'digest:chart')).toBeUndefined();
  });

  it('marks a late digest and cuts a long problem list with …and N more', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      kind: 'replica' as const,
      jobName: `Job ${i}`,
      result: 'Warning' as const,
      reason: undefined,
      href: `h${i}`,
      endedAt: 1,
      count: 1,
    }));
    const view = buildDigestView(data({ problems: many }), { date: '2025-03-30', late: true });
    expect(text(view.blocks, 'header')).toContain('(late)');
    expect(block(view.blocks, 'digest:problems_more')?.elements?.[0]?.text).toBe('…and 20 more jobs');
    expect(view.blocks.length).toBeLessThanOrEqual(50);
  });

  it('lists protection breaches with the count in the text, escaped, and none without the protection loop', () => {
    const breaches = [
      { jobName: 'Jenkins *Backup*', state: 'missed' as const, staleVms: 0, vms: 2 },
      { jobName: 'Backup Job 3', state: 'stale' as const, staleVms: 3, vms: 4 },
    ];
    const view = buildDigestView(data({ breaches }), { date: '2025-03-30', late: false });
    const listed = text(view.blocks, 'digest:protection');
    expect(listed).toContain('*Protection breaches: 2*');
    expect(listed).toContain('missed its run');
    expect(listed).toContain('3 of 4 VMs past their RPO');
    expect(listed).not.toContain('*Jenkins *Backup**');
    expect(view.text).toContain('protection breaches: 2');
    const without = buildDigestView(data(), { date: '2025-03-30', late: false });
    expect(block(without.blocks, 'digest:protection')).toBeUndefined();
    expect(without.text).not.toContain('protection breaches');
  });
});
