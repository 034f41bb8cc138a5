import { progressBar } from '../../../../src/views/format/progress-bar.js';

describe('progressBar', () => {
  it.each([
    [50, '▓▓▓▓▓░░░░░ 50%'],
    [0, '░░░░░░░░░░ 0%'],
    [100, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [-20, '░░░░░░░░░░ 0%'],
    [250, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [33.4, '▓▓▓░░░░░░░ 33%'],
    [undefined, '░░░░░░░░░░ ?'],
    [Number.NaN, '░░░░░░░░░░ ?'],
  ])('shows %p as %s', (percent, expected) => {
    expect(progressBar(percent)).toBe(expected);
  });

  it('takes a width', () => {
    expect(progressBar(50, 4)).toBe('▓▓░░ 50%');
  });
});
