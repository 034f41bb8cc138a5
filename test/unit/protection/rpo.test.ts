import { describeRpoSource, learnRpo, MIN_LEARNED_RPO_MS, resolveRpo } from '../../../src/protection/rpo.js';

const HOUR = 3_600_000;
const runsEvery = (intervalMs: number, count: number, end = 1_000 * HOUR): number[] =>
  Array.from({ length: count }, (_, i) => end - i * intervalMs);

describe('learnRpo', () => {
  it('is 1.5 x the median interval between the newest ten runs', () => {
    expect(learnRpo(runsEvery(24 * HOUR, 12))).toBe(36 * HOUR);
  });

  it('ignores older runs and an outlier gap', () => {
    const runs = [...runsEvery(4 * HOUR, 9), 1_000 * HOUR - 8 * 4 * HOUR - 100 * HOUR, 1];
    expect(learnRpo(runs)).toBe(6 * HOUR);
  });

  it('is at least an hour', () => {
    expect(learnRpo(runsEvery(60_000, 10))).toBe(MIN_LEARNED_RPO_MS);
  });

  it('needs two runs', () => {
    expect(learnRpo([5])).toBeUndefined();
    expect(learnRpo([5, 5])).toBeUndefined();
  });
});

describe('resolveRpo', () => {
  const runTimes = runsEvery(24 * HOUR, 10);
  it('prefers the override, then RPO_DEFAULT, then history, then the schedule', () => {
    const override = { ms: 2 * HOUR, by: 'U1', at: 0 };
    expect(resolveRpo({ override, defaultMs: 5 * HOUR, runTimes, scheduleIntervalMinutes: 60 })).toEqual({
      ms: 2 * HOUR,
      source: 'override',
    });
    expect(
      resolveRpo({ override: undefined, defaultMs: 5 * HOUR, runTimes, scheduleIntervalMinutes: 60 }),
    ).toEqual({ ms: 5 * HOUR, source: 'default' });
    expect(
      resolveRpo({ override: undefined, defaultMs: undefined, runTimes, scheduleIntervalMinutes: 60 }),
    ).toEqual({ ms: 36 * HOUR, source: 'learned' });
    expect(
      resolveRpo({ override: undefined, defaultMs: undefined, runTimes: [], scheduleIntervalMinutes: 240 }),
    ).toEqual({ ms: 6 * HOUR, source: 'schedule' });
    expect(
      resolveRpo({ override: undefined, defaultMs: 0, runTimes: [], scheduleIntervalMinutes: undefined }),
    ).toBeUndefined();
  });

  it('names every source', () => {
    expect(describeRpoSource('override')).toContain('/veeam rpo');
    expect(describeRpoSource('default')).toBe('RPO_DEFAULT');
  });
});
