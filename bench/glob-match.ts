import { globSteps, MAX_PATTERN } from '../src/watcher/glob.js';
import { jobMatches } from '../src/watcher/routing.js';
import type { SectionResult } from './section.js';
import { round } from './stats.js';

const NAME_LENGTH = 255;
const REPEATS = 200;

/** Adversarial job globs: nested wildcards that made the old regex-based matcher backtrack for seconds. */
function patterns(): string[] {
  const fill = (unit: string) => `${unit.repeat(Math.floor((MAX_PATTERN - 1) / unit.length))}#`;
  return ['*?*?*?*?*?*?*?*?*?#', fill('*?'), fill('*a'), fill('?*'), `*${'a'.repeat(MAX_PATTERN - 2)}#`];
}

/** Section `globs`: the worst adversarial pattern's match time against a long job name it does not match. */
export async function benchGlobMatch(): Promise<SectionResult> {
  const name = 'a'.repeat(NAME_LENGTH);
  const timings = patterns().map((pattern) => {
    jobMatches(pattern, name);
    const started = process.hrtime.bigint();
    for (let i = 0; i < REPEATS; i += 1) jobMatches(pattern, name);
    const micros = Number(process.hrtime.bigint() - started) / 1e3 / REPEATS;
    return { pattern, micros: round(micros, 1), steps: globSteps(pattern, name).steps };
  });
  const worst = timings.reduce((a, b) => (b.micros > a.micros ? b : a));
  return {
    id: 'globs',
    title: 'Job glob matching (adversarial patterns)',
    rows: [
      {
        measure: `worst pattern vs a ${NAME_LENGTH}-char name`,
        value: `${worst.micros} µs (${worst.steps} steps)`,
        goal: '< 10 ms',
        met: worst.micros < 10_000,
      },
    ],
    figures: { nameLength: NAME_LENGTH, timings },
  };
}
