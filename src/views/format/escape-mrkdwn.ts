/** Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width characters. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/g;
/** The characters mrkdwn formats with; it has no escape for them. */
const FORMATTING = /[*_~`]/;

/**
 * Makes an EM or user string safe for mrkdwn: drops invisible and direction-changing characters (a name could
 * otherwise display reversed or hide text), and escapes `&`, `<` and `>` so `<!channel>` pings nobody and
 * `<https://evil.example|click>` is no link. Slack documents only these three as control characters.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(INVISIBLE, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A name holding `*`, `_`, `~` or a backtick as an inline code span, where they stay literal (a backtick becomes ˋ). */
function codeSpan(escaped: string): string {
  return `\`${escaped.replace(/`/g, 'ˋ')}\``;
}

/** An EM name in bold (`*name*`), escaped; a name with formatting characters goes in a code span instead. */
export function boldName(name: string): string {
  const escaped = escapeMrkdwn(name);
  return FORMATTING.test(escaped) ? codeSpan(escaped) : `*${escaped}*`;
}

/** An EM name as plain mrkdwn, escaped; a name with formatting characters goes in a code span. */
export function literalName(name: string): string {
  const escaped = escapeMrkdwn(name);
  return FORMATTING.test(escaped) ? codeSpan(escaped) : escaped;
}
