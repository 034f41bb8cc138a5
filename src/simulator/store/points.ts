import { Kind, Result } from '../model/enums.js';
import type { TaskRecord } from '../model/entities.js';
import type { Store } from './store.js';
import { taskAt, taskList, taskListOfVm } from './tasks.js';

/** GUID slots of derived resources (tasks use 1..0x7fff). */
export const SLOT = {
  cloudReplicaPoint: 0x8000,
  vmRestorePoint: 0x9000,
  vmReplicaPoint: 0xa000,
  restorePoint: 0xffff,
};

/** A VM restore point or VM replica point: one finished, non-failed task of a backup or replica run. */
export interface VmPoint {
  id: number;
  task: TaskRecord;
}

/**
 * A backup run leaves a restore point when it finished Success or Warning; a Failed run leaves none
 * (a conservative choice: EM may keep the points of the VMs that did succeed).
 */
export function hasRestorePoint(store: Store, id: number): boolean {
  const c = store.cols;
  return (
    id >= 0 &&
    id < c.length &&
    store.kindOf(id) === Kind.Backup &&
    !Number.isNaN(c.end[id]) &&
    (c.result[id] === Result.Success || c.result[id] === Result.Warning)
  );
}

/** A replica run leaves replica points under the same rule. */
export function hasReplicaPoints(store: Store, id: number): boolean {
  const c = store.cols;
  return (
    store.kindOf(id) === Kind.Replica &&
    !Number.isNaN(c.end[id]) &&
    (c.result[id] === Result.Success || c.result[id] === Result.Warning)
  );
}

const pointTask = (t: TaskRecord): boolean => !Number.isNaN(t.end) && t.result !== Result.Failed;

/** The VM points of a run (VmRestorePoint for backups, VmReplicaPoint for replicas). */
export function vmPointsOf(store: Store, id: number, now: number): VmPoint[] {
  return pointsOfTasks(store, id, () => taskList(store, id, now));
}

/** The VM points of one VM name in the runs of one query (see taskListOfVm). */
export function vmPointsOfVm(store: Store, vmName: string): (id: number, now: number) => VmPoint[] {
  const tasksOf = taskListOfVm(store, vmName);
  return (id, now) => pointsOfTasks(store, id, () => tasksOf(id, now));
}

function pointsOfTasks(store: Store, id: number, tasks: () => TaskRecord[]): VmPoint[] {
  if (!hasRestorePoint(store, id) && !hasReplicaPoints(store, id)) return [];
  return tasks()
    .filter(pointTask)
    .map((task) => ({ id, task }));
}

/** True when the task (of a backup or replica run) left a VM point. */
export function taskHasPoint(store: Store, id: number, task: TaskRecord): boolean {
  return (hasRestorePoint(store, id) || hasReplicaPoints(store, id)) && pointTask(task);
}

/** The run behind a RestorePoint GUID, or -1. */
export function restorePointRun(store: Store, guid: string): number {
  const found = store.decode(guid);
  if (!found || found.slot !== SLOT.restorePoint || !hasRestorePoint(store, found.id)) return -1;
  return found.id;
}

/** The VM point behind a GUID with the given slot base, or undefined. */
export function vmPointOf(store: Store, guid: string, base: number, now: number): VmPoint | undefined {
  const found = store.decode(guid);
  if (!found || found.slot <= base || found.slot >= base + 0x1000) return undefined;
  const task = taskAt(store, found.id, found.slot - base, now);
  if (!task || !taskHasPoint(store, found.id, task)) return undefined;
  const wanted = base === SLOT.vmRestorePoint ? Kind.Backup : Kind.Replica;
  return store.kindOf(found.id) === wanted ? { id: found.id, task } : undefined;
}

/**
 * Full or incremental: the first run of a job in a UTC week (Sunday) is a synthetic full, the rest
 * increments; a job's runs are a forward-incremental chain.
 */
export function isFullRun(store: Store, id: number): boolean {
  const day = new Date(store.cols.creation[id] as number).getUTCDay();
  return day === 0 || store.byOwner(store.cols.owner[id] as number).ids[0] === id;
}

/** Share of a VM's size an incremental run writes; a full writes about half (compressed). */
const INCREMENT_SHARE = 0.08;

/** A finished run that left points takes space on its job's repository (free space shrinks). */
export function landBackup(store: Store, id: number, tasks: TaskRecord[]): void {
  if (!hasRestorePoint(store, id) && !hasReplicaPoints(store, id)) return;
  const owner = store.inventory.owners[store.cols.owner[id] as number];
  if (!owner) return;
  const share = isFullRun(store, id) ? 0.5 : INCREMENT_SHARE;
  const bytes = tasks.filter(pointTask).reduce((sum, t) => sum + t.totalSize * share, 0);
  store.inventory.land(owner, bytes);
}
