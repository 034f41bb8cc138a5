import { readdirSync, readFileSync } from 'node:fs';

/** The README's architecture tree names every top-level folder of src/, so a newcomer's map is complete. */
describe('README architecture section', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(
    readme.indexOf('## Architecture'),
    readme.indexOf('\n## ', readme.indexOf('## Architecture') + 5),
  );
  const folders = readdirSync('src', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it.each(folders)('names src/%s/', (folder) => {
    expect(section).toMatch(new RegExp(`^  ${folder}/ `, 'm'));
  });

  it('names no folder that is not there', () => {
    const named = [...section.matchAll(/^ {2}([a-z-]+)\/ /gm)].map((m) => m[1]);
    expect(named.sort()).toEqual([...folders].sort());
  });
});
