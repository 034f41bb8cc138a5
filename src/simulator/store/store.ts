import { decodeGuid, encodeGuid } from '../util/guid.js';
import { hash3 } from '../util/prng.js';
import { KINDS, RESULTS, type Kind } from '../model/enums.js';
import type { TaskRecord } from '../model/entities.js';
import { SessionColumns, type SessionRow } from './columns.js';
import type { Inventory } from './inventory.js';
import { SortedIndex } from './sorted-index.js';

/** Fields a session update may change. */
export type SessionPatchRow = Partial<Pick<SessionRow, 'end' | 'state' | 'result' | 'progress' | 'retry'>>;

/**
 * All sessions plus the indexes the query planner uses: per kind by creation and by end time, the
 * running set, per owner (job/policy/plan) and per result. Task sessions of history are derived on
 * demand (see tasks.ts); only live and control-API sessions store theirs.
 */
export class Store {
  readonly cols: SessionColumns;
  historyCount = 0;
  readonly byCreation: SortedIndex[];
  readonly byEnd: SortedIndex[];
  readonly running: Set<number>[];
  readonly byResult: SortedIndex[][];
  private readonly byOwnerIndex: SortedIndex[] = [];
  readonly storedTasks = new Map<number, TaskRecord[]>();
  readonly failureMessages = new Map<number, string>();
  /** Sessions with stored tasks, by lower-cased VM name, for VmDisplayName queries. */
  readonly storedTaskVms = new Map<string, Set<number>>();
  private readonly baseSalt: number;
  private readonly liveSalt: number;

  constructor(
    readonly seed: number,
    readonly inventory: Inventory,
    capacity: number,
    generation = 0,
  ) {
    this.cols = new SessionColumns(capacity);
    this.baseSalt = hash3(seed, 0x5e55);
    this.liveSalt = hash3(seed, 0x11fe, generation + 1);
    const byCreation = (id: number): number => this.cols.creation[id] as number;
    this.byCreation = KINDS.map(() => new SortedIndex(byCreation));
    this.byEnd = KINDS.map(() => new SortedIndex((id) => this.cols.end[id] as number));
    this.running = KINDS.map(() => new Set<number>());
    this.byResult = KINDS.map(() => RESULTS.map(() => new SortedIndex(byCreation)));
  }

  get count(): number {
    return this.cols.length;
  }

  kindOf(id: number): Kind {
    return this.cols.kind[id] as Kind;
  }

  /** Sessions of one owner, ordered by creation time. */
  byOwner(owner: number): SortedIndex {
    let index = this.byOwnerIndex[owner];
    if (!index) {
      index = new SortedIndex((id) => this.cols.creation[id] as number);
      this.byOwnerIndex[owner] = index;
    }
    return index;
  }

  /** Appends a history row without indexing it; rows must come in creation order. See `finishBulk`. */
  bulkAdd(row: SessionRow): number {
    return this.cols.append(row);
  }

  /** Ends the bulk load: indexes every row, sorts the end-time indexes, freezes the history boundary. */
  finishBulk(): void {
    const c = this.cols;
    for (let id = this.historyCount; id < c.length; id++) {
      const kind = c.kind[id] as number;
      this.byCreation[kind]?.push(id);
      this.byOwner(c.owner[id] as number).push(id);
      this.byResult[kind]?.[c.result[id] as number]?.push(id);
      if (Number.isNaN(c.end[id])) this.running[kind]?.add(id);
      else this.byEnd[kind]?.push(id);
    }
    for (const index of this.byEnd) index.sort();
    this.historyCount = c.length;
  }

  /** Adds a session in any time order (live engine, control API). */
  add(row: SessionRow): number {
    const id = this.cols.append(row);
    this.indexIn(id);
    return id;
  }

  /** Changes a session's mutable fields, keeping every index consistent. */
  update(id: number, patch: SessionPatchRow): void {
    this.indexOut(id);
    const c = this.cols;
    if (patch.end !== undefined) c.end[id] = patch.end;
    if (patch.state !== undefined) c.state[id] = patch.state;
    if (patch.result !== undefined) c.result[id] = patch.result;
    if (patch.progress !== undefined) c.progress[id] = patch.progress;
    if (patch.retry !== undefined) c.retry[id] = patch.retry ? 1 : 0;
    this.indexIn(id);
  }

  private indexIn(id: number): void {
    const kind = this.kindOf(id);
    this.byCreation[kind]?.insert(id);
    this.byOwner(this.cols.owner[id] as number).insert(id);
    this.byResult[kind]?.[this.cols.result[id] as number]?.insert(id);
    if (Number.isNaN(this.cols.end[id])) this.running[kind]?.add(id);
    else this.byEnd[kind]?.insert(id);
  }

  private indexOut(id: number): void {
    const kind = this.kindOf(id);
    this.byCreation[kind]?.remove(id);
    this.byOwner(this.cols.owner[id] as number).remove(id);
    this.byResult[kind]?.[this.cols.result[id] as number]?.remove(id);
    if (Number.isNaN(this.cols.end[id])) this.running[kind]?.delete(id);
    else this.byEnd[kind]?.remove(id);
  }

  /** Drops a session from every index and its stored tasks: queries and links no longer find it. */
  retire(id: number): void {
    this.indexOut(id);
    this.running[this.kindOf(id)]?.delete(id);
    this.unindexTaskVms(id);
    this.storedTasks.delete(id);
    this.failureMessages.delete(id);
  }

  /**
   * Keeps the session (queries still find and count it) but forgets its task sessions: it lists none and so
   * leaves no VM points. What an old live session costs is then one row, not its tasks.
   */
  dropTasks(id: number): void {
    this.unindexTaskVms(id);
    this.storedTasks.set(id, []);
  }

  private unindexTaskVms(id: number): void {
    for (const task of this.storedTasks.get(id) ?? []) {
      const sessions = this.storedTaskVms.get(task.vmName.toLowerCase());
      sessions?.delete(id);
      if (sessions?.size === 0) this.storedTaskVms.delete(task.vmName.toLowerCase());
    }
  }

  /** Stores the task list of a session (live and control-API sessions) and indexes its VM names. */
  setTasks(id: number, tasks: TaskRecord[]): void {
    this.storedTasks.set(id, tasks);
    for (const task of tasks) this.noteTaskVm(id, task.vmName);
  }

  /** Appends one task to a session's stored list. */
  addTask(id: number, task: TaskRecord): void {
    const list = this.storedTasks.get(id);
    if (list) list.push(task);
    else this.storedTasks.set(id, [task]);
    this.noteTaskVm(id, task.vmName);
  }

  private noteTaskVm(id: number, vmName: string): void {
    const key = vmName.toLowerCase();
    let set = this.storedTaskVms.get(key);
    if (!set) this.storedTaskVms.set(key, (set = new Set()));
    set.add(id);
  }

  private saltOf(id: number): number {
    return id < this.historyCount ? this.baseSalt : this.liveSalt;
  }

  /** GUID of a session (slot 0) or of its n-th task (slot n). */
  guid(id: number, slot = 0): string {
    return encodeGuid(id, slot, this.saltOf(id));
  }

  /** The session and slot a session or task GUID belongs to, or undefined. */
  decode(guid: string): { id: number; slot: number } | undefined {
    const lower = guid.toLowerCase();
    for (const salt of [this.baseSalt, this.liveSalt]) {
      const found = decodeGuid(lower, salt);
      if (!found || found.index >= this.cols.length || this.saltOf(found.index) !== salt) continue;
      if (encodeGuid(found.index, found.slot, salt) === lower) return { id: found.index, slot: found.slot };
    }
    return undefined;
  }

  /** The session a session or task GUID belongs to, or -1. */
  sessionOfGuid(guid: string): number {
    return this.decode(guid)?.id ?? -1;
  }

  /** The session with exactly this GUID (slot 0), or -1. */
  findSession(guid: string): number {
    const found = this.decode(guid);
    return found && found.slot === 0 ? found.id : -1;
  }
}
