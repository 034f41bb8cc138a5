const ELLIPSIS = '…';

/** Cuts to at most `max` characters, ending with `…` when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * Like truncate, for mrkdwn: never leaves half an entity (`&am`) or half a `<...>` token (a date or mention),
 * which Slack would render as garbage.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let kept = truncate(text, max).slice(0, -1);
  const open = kept.lastIndexOf('<');
  if (open > kept.lastIndexOf('>')) kept = kept.slice(0, open);
  kept = kept.replace(/&[a-z#0-9]{0,5}$/i, '');
  // A cut inside a code span closes it, so the rest of the text is not formatted as code or, worse, as mrkdwn.
  if ((kept.match(/`/g) ?? []).length % 2 === 1) return dropLastChar(kept) + ELLIPSIS + '`';
  return kept + ELLIPSIS;
}

/** The text less its last character (a whole surrogate pair, a whole entity). */
function dropLastChar(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  const end = last >= 0xdc00 && last <= 0xdfff ? text.length - 2 : text.length - 1;
  return text.slice(0, end).replace(/&[a-z#0-9]{0,5}$/i, '');
}

/** The default line added when a list is cut. */
export function andMore(count: number): string {
  return `…and ${count} more`;
}

/**
 * Joins lines with newlines within `maxChars`, ending with an `…and N more` line when some do not fit.
 * Each line is cut on its own first so one huge line cannot hide all the others.
 */
export function packLines(lines: string[], maxChars: number, more: (n: number) => string = andMore): string {
  const reserve = more(lines.length).length + 1;
  const out: string[] = [];
  let used = -1;
  for (const [index, raw] of lines.entries()) {
    const line = truncateMrkdwn(raw, maxChars - reserve);
    const room = maxChars - used - 1 - (index === lines.length - 1 ? 0 : reserve);
    if (line.length > room) {
      out.push(more(lines.length - index));
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}
