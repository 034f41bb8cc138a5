import fc from 'fast-check';
import { checkPattern, globSteps, matchGlob, MAX_PATTERN } from '../../../src/watcher/glob.js';
import { jobMatches } from '../../../src/watcher/routing.js';
import { UsageError } from '../../../src/shared/errors.js';

/** A reference matcher (dynamic programming, obviously right, quadratic): the oracle for the property test. */
function reference(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const s = name.toLowerCase();
  let row = [true, ...Array.from({ length: s.length }, () => false)];
  for (const c of p) {
    const next = [c === '*' && row[0] === true];
    for (let j = 1; j <= s.length; j += 1)
      next[j] =
        c === '*'
          ? row[j] === true || next[j - 1] === true
          : row[j - 1] === true && (c === '?' || c === s[j - 1]);
    row = next;
  }
  return row[s.length] === true;
}

function longestRun(pattern: string): number {
  return Math.max(0, ...pattern.split('*').map((run) => run.length));
}

describe('matchGlob', () => {
  it.each([
    ['nightly*', 'Nightly Backup', true],
    ['*backup', 'Nightly Backup', true],
    ['n?ghtly*', 'NIGHTLY x', true],
    ['*sql*', 'Nightly Backup', false],
    ['Backup [SQL]', 'backup [sql]', true],
    ['{a,b}', 'a', false],
    ['*', '', true],
    ['?', '', false],
  ])('%j against %j is %j', (pattern, name, expected) => {
    expect(matchGlob(pattern, name)).toBe(expected);
  });

  // Counted in steps, not timed: a timed assertion fails on a busy machine (the bench times globs).
  it('answers the measured freezing pattern in linear steps (it took seconds through picomatch)', () => {
    const pattern = '*?*?*?*?*?*?*?*?*?#';
    const name = 'a'.repeat(41);
    expect(jobMatches(pattern, name)).toBe(false);
    expect(globSteps(pattern, name).steps).toBeLessThan(2 * 41 * (pattern.length + 1));
  });

  const alphabet = fc.constantFrom('a', 'b', '*', '?', '#');
  const adversarial = fc.oneof(
    fc.string({ unit: alphabet, maxLength: MAX_PATTERN }),
    fc
      .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('*?', '*a', '**', '?*a'))
      .map(([n, unit]) => `${unit.repeat(n)}#`.slice(0, MAX_PATTERN)),
  );
  const names = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', '#'), maxLength: 300 }),
    fc.integer({ min: 0, max: 300 }).map((n) => 'a'.repeat(n)),
  );

  it('agrees with a reference matcher', () => {
    fc.assert(
      fc.property(
        adversarial,
        names,
        (pattern, name) => matchGlob(pattern, name) === reference(pattern, name),
      ),
      { numRuns: 300 },
    );
  });

  it('takes steps linear in the name, times the longest run between stars (never exponential)', () => {
    fc.assert(
      fc.property(adversarial, names, (pattern, name) => {
        const { steps } = globSteps(pattern, name);
        return steps <= (pattern.length + name.length + 1) * (longestRun(pattern) + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkPattern', () => {
  it('accepts a name with wildcards and refuses a long or multi-line one in one line', () => {
    expect(checkPattern('Nightly *')).toBe('Nightly *');
    expect(() => checkPattern('x'.repeat(MAX_PATTERN + 1))).toThrow(UsageError);
    expect(() => checkPattern('a\nb')).toThrow(/one line/);
  });
});
