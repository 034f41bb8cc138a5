import type { KnownBlock } from '../../../../src/views/format/block-kit.js';
import { blockTextLength, clampBlock } from '../../../../src/views/format/clamp-block.js';
import { fitBlocks, ITEM_PREFIX } from '../../../../src/views/format/fit-blocks.js';
import { LIMITS } from '../../../../src/views/format/limits.js';
import { blockById, textOf } from '../block-queries.js';

const item = (i: number, size = 100): KnownBlock => ({
  type: 'section',
  block_id: `${ITEM_PREFIX}${i}`,
  text: { type: 'mrkdwn', text: `${i} ${'x'.repeat(size)}` },
});
const head: KnownBlock = { type: 'header', block_id: 'header', text: { type: 'plain_text', text: 'Title' } };
const buttons: KnownBlock = {
  type: 'actions',
  block_id: 'actions',
  elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, value: 'v' }],
};

describe('fitBlocks', () => {
  it('returns blocks that fit unchanged', () => {
    const blocks = [head, item(0), buttons];
    expect(fitBlocks(blocks)).toEqual(blocks);
  });

  it('drops items from the end, keeps the buttons and says how many are left out', () => {
    const fitted = fitBlocks([head, ...Array.from({ length: 80 }, (_, i) => item(i)), buttons]);
    expect(fitted.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(fitted.at(-1)?.block_id).toBe('actions');
    const more = fitted.find((b) => b.block_id === 'more');
    expect(more?.type === 'context' && more.elements[0]).toMatchObject({ text: '…and 33 more' });
    expect(fitted[1]?.block_id).toBe(`${ITEM_PREFIX}0`);
  });

  it('keeps the total text under the message limit', () => {
    const fitted = fitBlocks([head, ...Array.from({ length: 20 }, (_, i) => item(i, 2900))], {
      more: (n) => `${n} hidden`,
    });
    expect(fitted.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(LIMITS.totalText);
    const kept = fitted.filter((b) => b.block_id?.startsWith(ITEM_PREFIX)).length;
    expect(textOf(blockById({ text: '', blocks: fitted }, 'more'))).toBe(`${20 - kept} hidden`);
  });

  it('cuts a message with no items to a prefix as a last resort', () => {
    const big = Array.from({ length: 60 }, (_, i): KnownBlock => ({ ...item(i, 2900), block_id: `b${i}` }));
    const fitted = fitBlocks(big);
    expect(fitted.length).toBeGreaterThan(0);
    expect(fitted.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(LIMITS.totalText);
  });
});

describe('clampBlock', () => {
  it('cuts every text to its limit and drops buttons whose value cannot be cut', () => {
    const clamped = clampBlock({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'y'.repeat(200) }, value: 'v' },
        { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'z' }, value: 'v'.repeat(2001) },
      ],
    });
    expect(clamped?.type === 'actions' && clamped.elements).toHaveLength(1);
    expect(
      clamped?.type === 'actions' &&
        clamped.elements[0]?.type === 'button' &&
        clamped.elements[0].text.text.length,
    ).toBe(75);
  });

  it('drops an actions block left with no buttons and fills empty texts', () => {
    expect(clampBlock({ type: 'actions', elements: [] })).toBeUndefined();
    const header = clampBlock({ type: 'header', text: { type: 'plain_text', text: '' } });
    expect(header?.type === 'header' && header.text.text).toBe('—');
  });
});
