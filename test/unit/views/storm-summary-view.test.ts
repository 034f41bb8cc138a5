import { buildStormSummaryView } from '../../../src/views/storm-summary-view.js';
import { buildJobSession } from '../../helpers/build-session.js';
import { blockById, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');
const endedAt = (minutesBefore: number) => new Date(now.getTime() - minutesBefore * 60_000);

describe('buildStormSummaryView', () => {
  it('titles the storm by what it summarises: how many, over how long, by result', () => {
    const alerts = [
      ...Array.from({ length: 12 }, (_, i) =>
        buildJobSession({ jobName: `F${i}`, result: 'Failed', endTime: endedAt(i % 2) }),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        buildJobSession({ jobName: `W${i}`, result: 'Warning', endTime: endedAt(2) }),
      ),
    ];

    const view = buildStormSummaryView(alerts, { channelTotal: 15, now });

    expect(textOf(blockById(view, 'header'))).toBe(
      ':rotating_light: 15 alerts in 2 minutes: 12 Failed, 3 Warning',
    );
    expect(view.text).toMatch(/^15 alerts in 2 minutes: 12 Failed, 3 Warning\./);
  });

  it('carries the mention once, in its own block and first in the notification text', () => {
    const alerts = [buildJobSession({ result: 'Failed', endTime: now })];

    const view = buildStormSummaryView(alerts, { channelTotal: 1, now, mention: '<!subteam^S1>' });

    expect(textOf(blockById(view, 'mention'))).toBe('<!subteam^S1>');
    const everywhere = view.blocks.map(textOf).join('\n');
    expect(everywhere.split('<!subteam^S1>')).toHaveLength(2);
    expect(view.text.startsWith('<!subteam^S1> 1 alert in 1 minute: 1 Failed.')).toBe(true);
  });

  it('has no mention block without a mention', () => {
    const view = buildStormSummaryView([buildJobSession({ result: 'Warning' })], { channelTotal: 1, now });
    expect(view.blocks.some((b) => b.block_id === 'mention')).toBe(false);
  });
});
