import { visibleLength } from './render-ansi.js';

/** Wraps each line at spaces so it is at most `width` visible columns (ANSI codes not counted); long words stay whole. */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && visibleLength(candidate) > width) {
      out.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) out.push(current);
  return out.join('\n');
}
