import { isDeepStrictEqual } from 'node:util';

/** JSON as the state holds it. */
type Json = unknown;

/**
 * Three-way merge of JSON values: `base` is what a writer last read, `ours` what it now wants, `theirs` what
 * another writer stored meanwhile. What only one side changed is kept; objects merge key by key, so a follower's
 * claim on one incident and the leader's new incident both stay; arrays merge as sets of items (a mute one side
 * added and one the other removed both count); where both changed the same value, ours wins (the writer's latest
 * intent). `undefined` stands for a missing key (deleted). Pure.
 */
export function mergeJson(base: Json, ours: Json, theirs: Json): Json {
  return merge(plain(base), plain(ours), plain(theirs));
}

function merge(base: Json, ours: Json, theirs: Json): Json {
  if (same(ours, theirs) || same(base, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (Array.isArray(ours) && Array.isArray(theirs)) return mergeItems(base, ours, theirs);
  if (!isObject(ours) || !isObject(theirs)) return ours;
  const baseObject = isObject(base) ? base : {};
  const merged: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const value = merge(baseObject[key], ours[key], theirs[key]);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Ours in order, less what theirs removed, plus what theirs added; an item is known by its whole content. */
function mergeItems(base: Json, ours: Json[], theirs: Json[]): Json[] {
  const inBase = new Set((Array.isArray(base) ? base : []).map(canonical));
  const inOurs = new Set(ours.map(canonical));
  const inTheirs = new Set(theirs.map(canonical));
  const kept = ours.filter((item) => inTheirs.has(canonical(item)) || !inBase.has(canonical(item)));
  const added = theirs.filter((item) => !inBase.has(canonical(item)) && !inOurs.has(canonical(item)));
  return [...kept, ...added];
}

/** JSON text with keys sorted, so equal items read from memory and from jsonb compare equal. */
function canonical(value: Json): string {
  return JSON.stringify(value, (_key, v: Json) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key order does not count (PostgreSQL's jsonb reorders keys); arrays keep theirs. */
function same(a: Json, b: Json): boolean {
  return isDeepStrictEqual(a, b);
}

/** As JSON would store it: keys holding undefined dropped. */
function plain(value: Json): Json {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Makes `target` hold `source`'s content, keeping the identity of every object and array both have, so code
 * holding a record of the state (an incident being posted) keeps writing into the state. Returns what to store.
 */
export function assignInPlace(target: Json, source: Json): Json {
  if (Array.isArray(target) && Array.isArray(source)) {
    target.splice(0, target.length, ...source);
    return target;
  }
  if (!isObject(target) || !isObject(source)) return source;
  for (const key of Object.keys(target)) if (!(key in source)) delete target[key];
  for (const [key, value] of Object.entries(source)) target[key] = assignInPlace(target[key], value);
  return target;
}
