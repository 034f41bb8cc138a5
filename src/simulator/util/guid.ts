import { hash3, type Rng } from './prng.js';

const M1 = 0x7feb352d;
const M2 = 0x846ca68b;

function inverseOdd(a: number): number {
  let inv = a;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(a, inv));
  return inv >>> 0;
}
const M1_INV = inverseOdd(M1);
const M2_INV = inverseOdd(M2);

function permute(x: number, salt: number): number {
  let v = (x ^ salt) >>> 0;
  v = Math.imul(v, M1) >>> 0;
  v = (v ^ (v >>> 16)) >>> 0;
  v = Math.imul(v, M2) >>> 0;
  return (v ^ (v >>> 16)) >>> 0;
}

function unpermute(x: number, salt: number): number {
  let v = (x ^ (x >>> 16)) >>> 0;
  v = Math.imul(v, M2_INV) >>> 0;
  v = (v ^ (v >>> 16)) >>> 0;
  v = Math.imul(v, M1_INV) >>> 0;
  return (v ^ salt) >>> 0;
}

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0');

function format(w0: number, w1: number, w2: number, w3: number): string {
  const v = ((w1 & 0x0fff) | 0x4000) >>> 0;
  const r = (((w2 >>> 16) & 0x3fff) | 0x8000) >>> 0;
  return `${hex(w0, 8)}-${hex(w1 >>> 16, 4)}-${hex(v, 4)}-${hex(r, 4)}-${hex(w2 & 0xffff, 4)}${hex(w3, 8)}`;
}

const GOLDEN = 0x9e3779b1;

/**
 * The GUID of session `index`, slot `slot` (0 = the session, n = its n-th task), under `salt`.
 * Index and slot are recoverable from the GUID (a keyed bijection), so a million sessions need no
 * ID map, yet the GUIDs of one session's tasks look unrelated.
 */
export function encodeGuid(index: number, slot: number, salt: number): string {
  const w0 = permute((index ^ Math.imul(slot, GOLDEN)) >>> 0, salt);
  const hw = hash3(salt, w0, 1);
  const w1 = ((((hw >>> 16) ^ slot) & 0xffff) << 16) | (hw & 0xffff);
  return format(w0, w1, hash3(salt, index, slot + 7), hash3(index, salt, slot + 11));
}

/** The index and slot a GUID decodes to under `salt` (verify by re-encoding), or undefined. */
export function decodeGuid(guid: string, salt: number): { index: number; slot: number } | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid)) return undefined;
  const w0 = parseInt(guid.slice(0, 8), 16) >>> 0;
  const hw = hash3(salt, w0, 1);
  const slot = (parseInt(guid.slice(9, 13), 16) ^ (hw >>> 16)) & 0xffff;
  const index = (unpermute(w0, salt) ^ Math.imul(slot, GOLDEN)) >>> 0;
  return { index, slot };
}

/** A random-looking v4 GUID drawn from a seeded generator. */
export function guidFromRng(rng: Rng): string {
  const w = (): number => Math.floor(rng() * 4294967296);
  return format(w(), w(), w(), w());
}
