/** Removes one pair of surrounding quotes (straight or curly, as phones type them) from a name. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  const match = /^["“”'‘’](.*)["“”'‘’]$/su.exec(trimmed);
  return (match ? (match[1] ?? '') : trimmed).trim();
}

/**
 * Splits `key:value` options (`job:"SQL *" level:failed`), values optionally quoted; returns the options
 * and any words that were not options.
 */
export function parseOptions(text: string): { options: Map<string, string>; words: string[] } {
  const options = new Map<string, string>();
  const words: string[] = [];
  const pattern = /([A-Za-z]+):(?:"([^"]*)"|“([^”]*)”|(\S+))|"([^"]*)"|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    const [, key, quoted, curly, bare, quotedWord, word] = match;
    if (key !== undefined) options.set(key.toLowerCase(), quoted ?? curly ?? bare ?? '');
    else words.push(quotedWord ?? word ?? '');
  }
  return { options, words };
}
