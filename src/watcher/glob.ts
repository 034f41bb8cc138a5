import { UsageError } from '../shared/errors.js';

/** Longest job or server pattern a subscription or mute accepts. */
export const MAX_PATTERN = 200;

/**
 * Whether `name` matches the job glob `pattern`, case-insensitive: `*` is any run of characters, `?` any one
 * character, everything else is literal. A two-pointer match that never backtracks further than the last
 * `*`, so its work is at most (|name| + 1) x (longest run between stars + 1) + |pattern| steps: bounded by
 * the pattern's length cap whatever the input, unlike a regular expression built from user text.
 */
export function matchGlob(pattern: string, name: string): boolean {
  return globSteps(pattern, name).matched;
}

/** The match and the number of steps it took (for the linearity property test and the bench). */
export function globSteps(pattern: string, name: string): { matched: boolean; steps: number } {
  const p = collapseStars(pattern.toLowerCase());
  const s = name.toLowerCase();
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  let steps = 0;
  while (si < s.length) {
    steps += 1;
    const c = p[pi];
    if (c === '*') {
      star = pi;
      mark = si;
      pi += 1;
    } else if (c !== undefined && (c === '?' || c === s[si])) {
      pi += 1;
      si += 1;
    } else if (star !== -1) {
      // Only the last star is retried: an earlier star can never do better than the later one.
      pi = star + 1;
      mark += 1;
      si = mark;
    } else return { matched: false, steps };
  }
  while (p[pi] === '*') {
    pi += 1;
    steps += 1;
  }
  return { matched: pi === p.length, steps };
}

function collapseStars(pattern: string): string {
  let out = '';
  for (const c of pattern) if (!(c === '*' && out.endsWith('*'))) out += c;
  return out;
}

// Control characters (newlines, tabs, escapes) never occur in EM names; a pattern holding one was not meant.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a job (or server) pattern typed by a user: at most MAX_PATTERN characters, printable; `*` and `?` are
 * the only wildcards. Throws a UsageError with a one-line answer otherwise.
 */
export function checkPattern(pattern: string, what = 'job'): string {
  if (pattern.length > MAX_PATTERN)
    throw new UsageError(`That ${what} pattern is too long (at most ${MAX_PATTERN} characters)`);
  if (CONTROL.test(pattern))
    throw new UsageError(`A ${what} pattern is a name, with * and ? as wildcards, on one line`);
  return pattern;
}
