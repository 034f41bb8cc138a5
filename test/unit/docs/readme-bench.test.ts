import { readFileSync } from 'node:fs';
import { SECTION_IDS } from '../../../bench/section.js';

/** The README's `BENCH_ONLY=` example lists every section the bench runner knows, in its order. */
describe('README benchmarks', () => {
  it('names every bench section in its BENCH_ONLY list', () => {
    const readme = readFileSync('README.md', 'utf8');
    const listed = /`BENCH_ONLY=([a-z,-]+)`/.exec(readme)?.[1]?.split(',');
    expect(listed).toEqual([...SECTION_IDS]);
  });
});
