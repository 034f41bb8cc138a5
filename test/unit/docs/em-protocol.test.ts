import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The repository stands on its own: no file cites notes outside it, and every citation of
 * `docs/em-protocol.md` names a heading that exists there (`docs/em-protocol.md, "Query filters"`).
 */
const ROOT = process.cwd();
const DOC = 'docs/em-protocol.md';
const SELF = 'test/unit/docs/em-protocol.test.ts';
const SCANNED = ['src', 'test', 'docs', 'bench', 'README.md'];
const TEXT = /\.(ts|js|md|xml|json|ya?ml|txt)$/;

/** Ways of citing something outside the repository, each with what to do instead. */
const OUTSIDE: Array<[RegExp, string]> = [
  [/shared\/veeam-em/, 'a path outside the repository'],
  [/shared\/seeds/, 'a path outside the repository'],
  [/quirks\.md/, 'the outside quirks notes'],
  [/\bquirks\s*(?:Q\d|[:,)])/i, 'a citation of the outside quirks notes'],
  [/\bQ\d{1,2}\b/, 'a quirk number'],
  [/README\s*§|§\s*\d/, 'a numbered section of outside notes'],
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return TEXT.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && name !== 'dist')
    .flatMap((name) => filesUnder(join(path, name)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

const docText = readFileSync(DOC, 'utf8');
const headings = [...docText.matchAll(/^#{2,3} (.+)$/gm)].map((m) => (m[1] as string).trim());
const slugs = new Set(headings.map(slug));
const files = SCANNED.flatMap(filesUnder)
  .map((file) => relative(ROOT, file).split(sep).join('/'))
  .filter((file) => file !== SELF);

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Relative paths (`../x`) that leave the repository. */
function escapingPaths(file: string, text: string): string[] {
  return [...text.matchAll(/(?:\.\.\/)+[\w.@-][\w./@-]*/g)]
    .filter((m) => relative(ROOT, resolve(ROOT, dirname(file), m[0])).startsWith('..'))
    .map((m) => `${file}:${lineOf(text, m.index)}: ${m[0]} leaves the repository`);
}

/** Citations of docs/em-protocol.md whose section is not a heading there. */
function brokenCitations(file: string, text: string): string[] {
  const found: string[] = [];
  const pattern = /docs\/em-protocol\.md(?:#([\w-]+)|,(?:\s|\/\/|\*)*"([^"]+)"|,[ \t]+([^"\n)*;]+))/g;
  for (const m of text.matchAll(pattern)) {
    const [, anchor, quoted, bare] = m;
    const section = (quoted ?? bare ?? '').replace(/\s*\n\s*(?:\*|\/\/)?\s*/g, ' ').trim();
    const ok =
      anchor !== undefined
        ? slugs.has(anchor)
        : quoted !== undefined
          ? headings.includes(section)
          : headings.some((heading) => section.startsWith(heading));
    if (!ok)
      found.push(`${file}:${lineOf(text, m.index)}: no heading for ${JSON.stringify(anchor ?? section)}`);
  }
  return found;
}

describe('docs/em-protocol.md', () => {
  it('has the sections code comments cite', () => {
    for (const name of [
      'Logon and the session token',
      'Query filters',
      'Paging',
      'Unknowns and conservative choices',
    ])
      expect(headings).toContain(name);
    expect(new Set(headings).size).toBe(headings.length);
  });

  it('gives every unknown what is unknown, what we do, and how to settle it', () => {
    const unknowns = docText
      .slice(docText.indexOf('## Unknowns and conservative choices'))
      .split(/^### /m)
      .slice(1);
    expect(unknowns.length).toBeGreaterThanOrEqual(10);
    const incomplete = unknowns
      .filter(
        (entry) =>
          !['**Unknown**', '**Client**', '**Simulator**', '**To settle**'].every((k) => entry.includes(k)),
      )
      .map((entry) => entry.split('\n')[0]);
    expect(incomplete).toEqual([]);
  });

  it('links only to its own headings', () => {
    const missing = [...docText.matchAll(/\]\(#([\w-]+)\)/g)]
      .map((m) => m[1])
      .filter((a) => !slugs.has(a as string));
    expect(missing).toEqual([]);
  });
});

describe('citations across the repository', () => {
  it('scans the source, tests and docs', () => {
    expect(files).toContain('README.md');
    expect(files).toContain(DOC);
    expect(files.some((file) => file.startsWith('src/em/'))).toBe(true);
  });

  it('cite nothing outside the repository', () => {
    const outside = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const hits = lines.flatMap((line, index) => {
        const rule = OUTSIDE.find(([pattern]) => pattern.test(line));
        return rule ? [`${file}:${index + 1}: ${rule[1]}: ${line.trim().slice(0, 120)}`] : [];
      });
      return [...hits, ...escapingPaths(file, text)];
    });
    expect(outside).toEqual([]);
  });

  it('cite docs/em-protocol.md by headings that exist', () => {
    const broken = files.flatMap((file) => brokenCitations(file, readFileSync(file, 'utf8')));
    expect(broken).toEqual([]);
  });
});
