import { QueryError } from '../query/query-error.js';

/** Decodes one query-string component the way .NET does (`+` is a space); 400 on bad escapes. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new QueryError('Malformed percent-encoding in the query string.');
  }
}

/** Query parameters by lower-cased name (names are case-insensitive, docs/em-protocol.md, "Names match case-insensitively"); first one wins. */
export function parseQueryString(raw: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/** True when `?format=Entity` (any case) is present. */
export function wantsEntity(params: Map<string, string>): boolean {
  return (params.get('format') ?? '').toLowerCase() === 'entity';
}
