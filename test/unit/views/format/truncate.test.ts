import { andMore, packLines, truncate, truncateMrkdwn } from '../../../../src/views/format/truncate.js';
import { formatSize } from '../../../../src/views/format/format-size.js';

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('truncateMrkdwn', () => {
  it('never leaves half an entity', () => {
    expect(truncateMrkdwn('a &amp; b', 5)).toBe('a …');
  });

  it('never leaves half a date token', () => {
    const text = 'start <!date^1758744009^{date_short_pretty} {time}|2025-09-24 20:00 UTC> end';
    expect(truncateMrkdwn(text, 30)).toBe('start …');
  });

  it('closes a code span it cuts, within the limit', () => {
    const cut = truncateMrkdwn('job `*bold* name that goes on` end', 20);
    expect(cut).toBe('job `*bold* name t…`');
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(truncateMrkdwn('`a` and `b` then more text', 12)).toBe('`a` and `b`…');
  });
});

describe('packLines', () => {
  it('joins what fits and counts the rest', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const packed = packLines(lines, 60);
    expect(packed.length).toBeLessThanOrEqual(60);
    expect(packed.split('\n').at(-1)).toMatch(/^…and \d+ more$/);
    expect(packed.startsWith('line 0\nline 1')).toBe(true);
  });

  it('keeps every line when they all fit', () => {
    expect(packLines(['a', 'b'], 100)).toBe('a\nb');
    expect(andMore(3)).toBe('…and 3 more');
  });

  it('cuts one huge line on its own so the count still shows', () => {
    const packed = packLines(['x'.repeat(5000), 'short'], 100);
    expect(packed.length).toBeLessThanOrEqual(100);
  });
});

describe('formatSize', () => {
  it.each([
    [12884901888, '12.0 GB'],
    [512, '512 B'],
    [undefined, '—'],
  ])('formats %p as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
