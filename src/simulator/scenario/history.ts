import { Kind, Result, SessionState } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import type { Store } from '../store/store.js';
import { createRng, hash3, type Rng } from '../util/prng.js';
import {
  FAILING_FOR_MS,
  FAILING_JOB,
  firstSlotFrom,
  historyPeriod,
  historyStart,
  historyStop,
} from './history-plan.js';
import { FAILURE_MESSAGES } from './texts.js';

const DAY = 86_400_000;
/** EM's default automatic retry comes 10 minutes after a failed run (JobScheduleOptions RetryTimeout). */
const RETRY_AFTER_MS = 600_000;

function drawResult(rng: Rng, retry: boolean): number {
  const r = rng();
  if (retry) return r < 0.8 ? Result.Success : r < 0.9 ? Result.Warning : Result.Failed;
  return r < 0.86 ? Result.Success : r < 0.95 ? Result.Warning : Result.Failed;
}

/** The newest `size` generated runs, oldest first once unrolled (a ring buffer). */
class RunRing {
  readonly owner: Uint32Array;
  readonly creation: Float64Array;
  readonly end: Float64Array;
  readonly result: Uint8Array;
  readonly retry: Uint8Array;
  readonly message: Int8Array;
  written = 0;

  constructor(readonly size: number) {
    this.owner = new Uint32Array(size);
    this.creation = new Float64Array(size);
    this.end = new Float64Array(size);
    this.result = new Uint8Array(size);
    this.retry = new Uint8Array(size);
    this.message = new Int8Array(size);
  }

  push(owner: number, creation: number, end: number, result: number, retry: boolean, message: number): void {
    const i = this.written++ % this.size;
    this.owner[i] = owner;
    this.creation[i] = creation;
    this.end[i] = end;
    this.result[i] = result;
    this.retry[i] = retry ? 1 : 0;
    this.message[i] = message;
  }

  /** Ring positions oldest first. */
  *order(): Generator<number> {
    const n = Math.min(this.written, this.size);
    const start = this.written > this.size ? this.written % this.size : 0;
    for (let k = 0; k < n; k++) yield (start + k) % this.size;
  }
}

interface Cursor {
  owner: Owner;
  at: number;
  retry: boolean;
  stop: number;
}

/** One run of `c.owner` at `c.at`; moves the cursor to its retry or next slot. */
function emit(rng: Rng, ring: RunRing, c: Cursor, anchor: number): void {
  const o = c.owner;
  const period = historyPeriod(o);
  const slot = c.at;
  const cdp = o.kind === Kind.Cdp;
  const creation = cdp ? slot : slot + Math.floor(rng() * 20_000);
  const failing = o.name === FAILING_JOB && creation >= anchor - FAILING_FOR_MS;
  const result = failing ? Result.Failed : drawResult(rng, c.retry);
  const duration = cdp ? period - 250 : Math.min(o.typicalDurationMs * (0.5 + rng()), period / 4);
  const end = Math.max(creation + 1000, Math.min(creation + duration, anchor - 500));
  const message =
    result === Result.Failed && o.kind >= Kind.Cdp && rng() < 0.7
      ? Math.floor(rng() * FAILURE_MESSAGES.length)
      : -1;
  ring.push(o.index, creation, end, result, c.retry, message);
  const next = firstSlotFrom(o, slot + 1);
  const retryAt = end + RETRY_AFTER_MS;
  const canRetry = o.kind <= Kind.Replica && !failing && result === Result.Failed;
  c.retry = canRetry && retryAt + o.typicalDurationMs < next && rng() < 0.7;
  c.at = c.retry ? retryAt : next;
}

function generateRuns(store: Store, count: number, anchor: number): RunRing {
  const rng = createRng(hash3(store.seed, 0x4157));
  const owners = store.inventory.owners;
  const start = historyStart(owners, anchor, Math.ceil(count * 1.08) + 8);
  const cursors: Cursor[] = owners.map((owner) => ({
    owner,
    at: firstSlotFrom(owner, start),
    retry: false,
    stop: Math.min(historyStop(owner, anchor), anchor) - 60_000,
  }));
  const ring = new RunRing(count);
  for (;;) {
    let best: Cursor | undefined;
    for (const c of cursors) if (c.at < c.stop && (!best || c.at < best.at)) best = c;
    if (!best) break;
    emit(rng, ring, best, anchor);
  }
  return ring;
}

/**
 * Fills the store with up to `count` finished sessions ending before `anchor`, oldest first, following
 * each owner's schedule (docs/simulator.md, "Schedules and history"): a run at every slot, an automatic
 * retry 10 minutes after most failed runs, nothing after an owner halted or was disabled. CDP sessions of
 * a policy follow each other (each ends when the next starts); the newest one per policy runs.
 */
export function generateHistory(store: Store, count: number, anchor: number): void {
  if (count <= 0) return store.finishBulk();
  const ring = generateRuns(store, count, anchor);
  const owners = store.inventory.owners;
  const lastCdp = new Map<number, number>();
  const cols = store.cols;
  for (const i of ring.order()) {
    const owner = owners[ring.owner[i] as number] as Owner;
    const result = ring.result[i] as number;
    const id = store.bulkAdd({
      kind: owner.kind,
      owner: owner.index,
      creation: ring.creation[i] as number,
      end: ring.end[i] as number,
      state: SessionState.Stopped,
      result,
      progress: owner.kind === Kind.Cdp && result === Result.Failed ? 0 : 100,
      retry: ring.retry[i] === 1,
    });
    if (owner.kind === Kind.Cdp) lastCdp.set(owner.index, id);
    const message = ring.message[i] as number;
    if (message >= 0) store.failureMessages.set(id, FAILURE_MESSAGES[message] ?? '');
  }
  for (const id of lastCdp.values()) {
    if ((cols.creation[id] as number) > anchor - DAY) {
      cols.end[id] = NaN;
      cols.state[id] = SessionState.Working;
      cols.result[id] = Result.None;
      cols.progress[id] = 0;
      store.failureMessages.delete(id);
    }
  }
  store.finishBulk();
}
