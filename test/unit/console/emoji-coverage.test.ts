import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEmoji } from '../../../src/console/render-mrkdwn.js';

/** `:word:` runs in src/ that are not emoji: key separators and the slash command's name. */
const NOT_EMOJI = new Set(['incident', 'recovered', 'running', 'mm', 'vm', 'veeam']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the console’s emoji', () => {
  it('maps every emoji code the views and messages use, so the terminal shows no `:code:`', () => {
    const codes = new Set<string>();
    for (const file of sourceFiles('src'))
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/:([a-z][a-z_0-9]+):/g))
        if (name && !NOT_EMOJI.has(name)) codes.add(name);
    expect(codes.size).toBeGreaterThan(20);
    const unmapped = [...codes].filter((name) => renderEmoji(`:${name}:`) === `:${name}:`);
    expect(unmapped).toEqual([]);
  });
});
