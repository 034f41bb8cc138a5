import type { WatchableKind } from '../config/schema.js';
import type { EmClient } from '../em/client.js';
import { countProblems, mergeKinds, readProblems, type FetchedSubjects } from './fetch-subjects.js';
import type { WatcherState } from './state.js';

/** The overlap with the previous read is one poll interval, and never less than this. */
export const MIN_OVERLAP_MS = 10_000;

/** What earlier polls read, on EM's clock: the problems per kind and up to when everything was read. */
interface ReadMemory {
  /** EM time up to which every kind was read in full by the last poll. */
  coveredUpTo: number;
  /** The last read stopped at MAX_PER_KIND: the next starts exactly where it stopped, not an interval before. */
  capped: boolean;
  /** Our time of the last read, to measure one poll interval. */
  readAt: number;
  seen: Map<WatchableKind, Map<string, number>>;
}

/**
 * Kept beside the state object it describes, in memory only: a restarted watcher (a new state object) reads
 * its first window in full once, as it did before the cursor existed.
 */
const memories = new WeakMap<WatcherState, ReadMemory>();

/** What the news read needs: EM, the live state, the watched kinds, our clock. */
export interface NewsReader {
  em: EmClient;
  state: WatcherState;
  kinds: readonly WatchableKind[];
  now: () => number;
}

/** A read, and what commits it to memory once the poll that used it has decided about it and saved. */
export interface CursorRead {
  fetched: FetchedSubjects;
  commit: () => void;
}

/**
 * The problems that ended since `since` (EM time), at the cost of what is new: each kind is read from one poll
 * interval before the last read on; the rest of the window only when EM counts a different number of
 * problems there than earlier polls read (one that EM reported late), and then in full.
 */
export async function readNewsWithCursor(
  reader: NewsReader,
  since: number,
  skew: number,
): Promise<CursorRead> {
  const readAt = reader.now();
  const memory = memories.get(reader.state);
  const recentFrom = memory ? splitPoint(memory, since, readAt) : since;
  const reads = await Promise.all(
    reader.kinds.map(async (kind) => {
      const from = recentFrom > since && (await tailChanged(reader, memory, kind, since, recentFrom));
      return readProblems(reader.em, kind, new Date(from ? since : recentFrom));
    }),
  );
  const fetched = mergeKinds(reads);
  const capped = fetched.readUpTo !== undefined;
  const coveredUpTo = fetched.readUpTo ?? readAt + skew;
  const commit = () => remember(reader, reads, { since, readAt, coveredUpTo, capped });
  return { fetched, commit };
}

/** Where the re-read part starts: one interval before what the last poll read in full, inside the window. */
function splitPoint(memory: ReadMemory, since: number, readAt: number): number {
  const interval = memory.capped ? 0 : Math.max(MIN_OVERLAP_MS, readAt - memory.readAt);
  return Math.max(since, memory.coveredUpTo - interval);
}

/** True when EM counts another number of problems in [since, until) than earlier polls read there. */
async function tailChanged(
  reader: NewsReader,
  memory: ReadMemory | undefined,
  kind: WatchableKind,
  since: number,
  until: number,
): Promise<boolean> {
  let known = 0;
  for (const endedAt of memory?.seen.get(kind)?.values() ?? []) {
    if (endedAt >= since && endedAt < until) known += 1;
  }
  const counted = await countProblems(reader.em, kind, { since: new Date(since), until: new Date(until) });
  return counted !== known;
}

function remember(
  reader: NewsReader,
  reads: FetchedSubjects[],
  { since, ...latest }: { since: number; readAt: number; coveredUpTo: number; capped: boolean },
): void {
  const memory = memories.get(reader.state) ?? { ...latest, seen: new Map() };
  reader.kinds.forEach((kind, index) => {
    const seen = memory.seen.get(kind) ?? new Map<string, number>();
    for (const [uid, endedAt] of seen) if (endedAt < since) seen.delete(uid);
    for (const subject of reads[index]?.subjects ?? []) seen.set(subject.uid, subject.endedAt);
    memory.seen.set(kind, seen);
  });
  memories.set(reader.state, { ...memory, ...latest });
}
