import { Result, SessionState } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import { runsOnSchedule, slotAfter } from '../model/next-run.js';
import { landBackup } from '../store/points.js';
import type { Store } from '../store/store.js';
import { taskList } from '../store/tasks.js';

interface Entry {
  owner: Owner;
  /** The next slot this runner will start. */
  next: number;
  /** Result every run of the job ends with. */
  result: number;
  /** The run in progress, if any. */
  running?: { id: number; endAt: number };
}

/**
 * Runs control-API jobs on their schedule as the scenario clock moves, live scenario or not: one run
 * per slot, each lasting the job's typical duration, ending with the job's configured result. Disabled
 * or stopped jobs skip their slots (no catching up when resumed).
 */
export class ScheduleRunner {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly store: Store) {}

  /** Takes over a job whose next run starts at `next`. */
  add(owner: Owner, next: number, result: number): void {
    this.entries.set(owner.index, { owner, next, result });
  }

  /** True when the job is run by this runner. */
  has(owner: Owner): boolean {
    return this.entries.has(owner.index);
  }

  /** Brings every managed job up to `now`. */
  tick(now: number): void {
    for (const entry of this.entries.values()) {
      this.finishDue(entry, now);
      while (!entry.running && entry.next <= now) {
        if (!runsOnSchedule(entry.owner, entry.next)) {
          entry.next = slotAfter(entry.owner, now);
          break;
        }
        this.start(entry, now);
      }
    }
  }

  private start(entry: Entry, now: number): void {
    const creation = entry.next;
    const endAt = creation + entry.owner.typicalDurationMs;
    const id = this.store.add({
      kind: entry.owner.kind,
      owner: entry.owner.index,
      creation,
      end: NaN,
      state: SessionState.Working,
      result: Result.None,
      progress: 0,
      retry: false,
    });
    entry.running = { id, endAt };
    entry.next = slotAfter(entry.owner, creation);
    this.finishDue(entry, now);
  }

  private finishDue(entry: Entry, now: number): void {
    const run = entry.running;
    if (!run || run.endAt > now) return;
    this.store.update(run.id, {
      end: run.endAt,
      state: SessionState.Stopped,
      result: entry.result,
      progress: 100,
    });
    landBackup(this.store, run.id, taskList(this.store, run.id, now));
    entry.running = undefined;
  }
}
