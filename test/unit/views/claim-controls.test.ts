import { withClaimControls } from '../../../src/views/claim-controls.js';
import { buildRepositoryAlertView } from '../../../src/views/protection-alert-view.js';
import { ActionId } from '../../../src/views/ids.js';
import { blockById, buttonsOf, expectWithinLimits, textOf } from './block-queries.js';

const alert = buildRepositoryAlertView({
  name: 'Repo <!here>',
  server: 'vbr01',
  level: 'critical',
  freePercent: 3,
  freeBytes: 3e10,
  capacityBytes: 1e12,
  thresholdPercent: 5,
});
const base = (id: string | undefined) => (id ?? '').split(':')[0];

describe('withClaimControls', () => {
  it('adds a Claim button (and Snooze only when asked) carrying the value, and no claim line when unclaimed', () => {
    const plain = withClaimControls(alert, { value: 'protection:repository:r1' });
    expect(buttonsOf(plain).map((b) => [base(b.action_id), b.value])).toEqual([
      [ActionId.CLAIM, 'protection:repository:r1'],
    ]);
    expect(plain.blocks.some((b) => b.block_id === 'claim')).toBe(false);
    const job = withClaimControls(alert, { value: 'protection:missed:j1', snooze: true });
    expect(buttonsOf(job).map((b) => base(b.action_id))).toEqual([ActionId.CLAIM, ActionId.SNOOZE]);
    expectWithinLimits(job);
  });

  it('replaces an earlier claim line instead of adding a second, names the holder without a mention, and strips it all when closed', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4));
    const first = withClaimControls(alert, { value: 'v', claim: { name: 'alice', at } });
    const second = withClaimControls(first, { value: 'v', claim: { name: '<@U1> *bob*', at } });
    expect(second.blocks.filter((b) => b.block_id === 'claim')).toHaveLength(1);
    expect(second.blocks.filter((b) => b.block_id === 'claim_controls')).toHaveLength(1);
    const line = textOf(blockById(second, 'claim'));
    expect(line).toContain(`<!date^${at.getTime() / 1000}^`);
    expect(line).not.toContain('<@U1>');
    expect(line).not.toContain('alice');
    const closed = withClaimControls(second, undefined);
    expect(buttonsOf(closed)).toHaveLength(0);
    expect(closed.blocks.map((b) => b.block_id)).toEqual(alert.blocks.map((b) => b.block_id));
  });
});
