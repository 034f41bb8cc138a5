import { repositoryLevel, type RepositoryLevel } from '../../../src/protection/repository-level.js';

const t = { warnPercent: 15, critPercent: 5, hysteresisPercent: 2 };
const walk = (start: RepositoryLevel, frees: number[]): RepositoryLevel[] => {
  const levels: RepositoryLevel[] = [];
  let level = start;
  for (const free of frees) {
    level = repositoryLevel(free, level, t);
    levels.push(level);
  }
  return levels;
};

describe('repositoryLevel', () => {
  it('enters each level below its line', () => {
    expect(walk('ok', [20, 14.9, 4.9])).toEqual(['ok', 'warning', 'critical']);
  });

  it('falls through both levels at once to critical', () => {
    expect(repositoryLevel(2, 'ok', t)).toBe('critical');
  });

  it('leaves a level only above the line plus the hysteresis (no flapping at the line)', () => {
    expect(walk('warning', [15.5, 14.5, 16.9, 17.1])).toEqual(['warning', 'warning', 'warning', 'ok']);
    expect(walk('critical', [5.5, 6.9, 7.1, 18])).toEqual(['critical', 'critical', 'warning', 'ok']);
  });

  it('keeps the level when free space is unknown', () => {
    expect(repositoryLevel(undefined, 'warning', t)).toBe('warning');
  });
});
