import { buildSubscriptionsView } from '../../../src/views/subscriptions-view.js';
import { blockById, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');

describe('buildSubscriptionsView', () => {
  it('numbers the subscriptions for unsubscribe and shows the active mutes', () => {
    const view = buildSubscriptionsView(
      [
        { index: 1, type: 'backup', job: 'File*', level: 'failed' },
        { index: 2, server: 'vbr01' },
      ],
      [
        { job: 'Nightly', until: new Date(now.getTime() + 7_200_000) },
        { job: 'Expired', until: new Date(now.getTime() - 1000) },
      ],
      { now },
    );
    const subs = textOf(blockById(view, 'subscriptions')).split('\n');
    expect(subs[0]).toBe('*1.* type `backup` · job `File*` · server `any` · failed only');
    expect(subs[1]).toBe('*2.* type `any` · job `any` · server `vbr01` · warning and failed');
    const mutes = textOf(blockById(view, 'mutes'));
    expect(mutes).toContain(':mute: *Nightly* until <!date^');
    expect(mutes).toContain('(2h left)');
    expect(mutes).not.toContain('Expired');
  });

  it('suggests how to subscribe when there is nothing', () => {
    const view = buildSubscriptionsView([], [], { now });
    expect(textOf(blockById(view, 'subscriptions'))).toContain('/veeam subscribe');
    expect(view.blocks.some((b) => b.block_id === 'mutes')).toBe(false);
  });
});
