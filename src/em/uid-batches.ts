import { buildFilter, where, type Filter } from './query.js';

/** UIDs named in one batched query (an issue measured 20 task lists in 3 requests this way). */
export const PARENTS_PER_QUERY = 20;
/** The longest OR of UIDs one query sends, before percent-encoding (about 20 URNs). */
export const MAX_PARENTS_FILTER_CHARS = 2_000;

/**
 * UIDs cut into ORs of `field == uid` of at most PARENTS_PER_QUERY terms and MAX_PARENTS_FILTER_CHARS characters;
 * a UID whose term alone is longer is left out.
 */
export function uidChunks(field: string, uids: string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 0;
  for (const uid of uids) {
    const length = buildFilter(where(field, '==', uid)).length + 1;
    if (length > MAX_PARENTS_FILTER_CHARS) continue;
    if (chunk.length === PARENTS_PER_QUERY || chars + length > MAX_PARENTS_FILTER_CHARS) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(uid);
    chars += length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The filter of one chunk: an OR of `==` on the UID field. */
export function uidsFilter(field: string, uids: string[]): Filter {
  return { or: uids.map((uid) => where(field, '==', uid)) };
}

/** A UID's GUID, lower-cased: EM may echo a UID as the URN or the bare GUID (docs/em-protocol.md, "UID filter values"). */
export function guidOf(uid: string): string {
  return uid.slice(uid.lastIndexOf(':') + 1).toLowerCase();
}
