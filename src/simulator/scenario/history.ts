import { Kind, KINDS, Result, SessionState } from '../model/enums.js';
import type { Store } from '../store/store.js';
import { createRng, hash3, pick, type Rng } from '../util/prng.js';
import { FAILURE_MESSAGES } from './texts.js';

const DAY = 86_400_000;
/** Share of each session kind in the history. */
const KIND_WEIGHTS: Record<Kind, number> = { 0: 0.62, 1: 0.28, 2: 0.06, 3: 0.04 };
/** At most this many sessions per day, so the 30-day collections stay a few thousand items. */
const MAX_PER_DAY = 240;

function drawResult(rng: Rng, retry: boolean): number {
  const r = rng();
  if (retry) return r < 0.8 ? Result.Success : r < 0.9 ? Result.Warning : Result.Failed;
  return r < 0.86 ? Result.Success : r < 0.95 ? Result.Warning : Result.Failed;
}

function drawKind(rng: Rng): Kind {
  let r = rng();
  for (const kind of KINDS) {
    r -= KIND_WEIGHTS[kind];
    if (r < 0) return kind;
  }
  return Kind.Backup;
}

/**
 * Fills the store with `count` finished sessions spread back in time from `anchor`, oldest first:
 * about 33 a day for small histories, at most 240 a day for big ones. CDP sessions of one policy
 * follow each other (each ends when the next starts, at most 24 h); the newest one per policy runs.
 */
export function generateHistory(store: Store, count: number, anchor: number): void {
  const rng = createRng(hash3(store.seed, 0x4157));
  const owners = store.inventory.owners;
  const ownersByKind = KINDS.map((k) => owners.filter((o) => o.kind === k));
  const perDay = Math.min(MAX_PER_DAY, Math.max(count / 30, 1));
  const span = (count / perDay) * DAY;
  const step = count > 0 ? span / count : 0;
  const lastResult = new Map<number, number>();
  const lastCdp = new Map<number, number>();
  const cols = store.cols;
  for (let i = 0; i < count; i++) {
    const kind = drawKind(rng);
    const owner = pick(rng, ownersByKind[kind] ?? []);
    const creation = Math.floor(anchor - span + (i + rng() * 0.9) * step);
    const retry = kind <= Kind.Replica && lastResult.get(owner.index) === Result.Failed && rng() < 0.7;
    const result = drawResult(rng, retry);
    lastResult.set(owner.index, result);
    const duration = owner.typicalDurationMs * (0.5 + rng());
    const end =
      Math.max(creation + 1000, Math.min(creation + duration, anchor - 500)) + Math.floor(rng() * 997);
    const id = store.bulkAdd({
      kind,
      owner: owner.index,
      creation,
      end: Math.min(end, anchor - 1),
      state: SessionState.Stopped,
      result,
      progress: kind === Kind.Cdp && result === Result.Failed ? 0 : 100,
      retry,
    });
    if (kind === Kind.Cdp) {
      const prev = lastCdp.get(owner.index);
      if (prev !== undefined) {
        const prevCreation = cols.creation[prev] as number;
        cols.end[prev] = Math.max(prevCreation + 1000, Math.min(prevCreation + DAY, creation - 250));
      }
      lastCdp.set(owner.index, id);
    }
    if (result === Result.Failed && kind >= Kind.Cdp && rng() < 0.7) {
      store.failureMessages.set(id, pick(rng, FAILURE_MESSAGES));
    }
  }
  for (const id of lastCdp.values()) {
    if ((cols.creation[id] as number) > anchor - DAY) {
      cols.end[id] = NaN;
      cols.state[id] = SessionState.Working;
      cols.result[id] = Result.None;
      cols.progress[id] = 0;
      store.failureMessages.delete(id);
    } else cols.end[id] = (cols.creation[id] as number) + DAY;
  }
  store.finishBulk();
}
