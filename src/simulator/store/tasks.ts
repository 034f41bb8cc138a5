import { Kind, Result, SessionState, TaskState } from '../model/enums.js';
import type { TaskRecord } from '../model/entities.js';
import { pick, randInt, rngFor, type Rng } from '../util/prng.js';
import { FAILURE_REASONS, WARNING_REASONS } from '../scenario/texts.js';
import type { Store } from './store.js';

/** Long-term restore point interval of derived CDP task sessions (one task per VM per period). */
export const CDP_PERIOD_MS = 8 * 3600_000;
const CDP_SLOTS_PER_VM = 4;

/**
 * The task sessions of a session: stored ones for live and control-API sessions, otherwise derived
 * deterministically from the session row and its owner's VMs, so history costs no memory per task.
 */
export function taskList(store: Store, id: number, now: number): TaskRecord[] {
  const stored = store.storedTasks.get(id);
  if (stored) return stored;
  return deriveTasks(store, id, now);
}

/**
 * The task sessions of one VM name (case-insensitively) in a session, for a `VmDisplayName==` query: returns a
 * reader for the sessions of one query. Derived lists run the same random sequence as taskList but build only
 * that VM's records, so a VM's history costs a pass over its jobs' session rows, not every task of them.
 */
export function taskListOfVm(store: Store, vmName: string): (id: number, now: number) => TaskRecord[] {
  const wanted = vmName.toLowerCase();
  const indexes = new Set<number>();
  store.inventory.vms.forEach((vm, index) => {
    if (vm.name.toLowerCase() === wanted) indexes.add(index);
  });
  const keep = (vmIndex: number) => indexes.has(vmIndex);
  return (id, now) => {
    const stored = store.storedTasks.get(id);
    if (stored) return stored.filter((t) => t.vmName.toLowerCase() === wanted);
    return deriveTasks(store, id, now, keep);
  };
}

/** The task with this slot, or undefined. */
export function taskAt(store: Store, id: number, slot: number, now: number): TaskRecord | undefined {
  return taskList(store, id, now).find((t) => t.slot === slot);
}

function pickOutcome(rng: Rng, sessionResult: number, n: number): number[] {
  const results = new Array<number>(n).fill(Result.Success);
  if (n === 0) return results;
  if (sessionResult === Result.Warning) results[Math.floor(rng() * n)] = Result.Warning;
  if (sessionResult === Result.Failed) {
    for (let i = 0; i < n; i++) if (rng() < 0.15) results[i] = Result.Warning;
    results[Math.floor(rng() * n)] = Result.Failed;
  }
  return results;
}

function reasonFor(rng: Rng, result: number): string {
  if (result === Result.Warning) return pick(rng, WARNING_REASONS);
  if (result === Result.Failed) return pick(rng, FAILURE_REASONS);
  return '';
}

function deriveTasks(
  store: Store,
  id: number,
  now: number,
  keep: (vmIndex: number) => boolean = () => true,
): TaskRecord[] {
  const c = store.cols;
  const owner = store.inventory.owners[c.owner[id] as number];
  if (!owner) return [];
  const rng = rngFor(store.seed, id, 0x7a5c);
  const kind = c.kind[id] as number;
  const creation = c.creation[id] as number;
  const end = c.end[id] as number;
  if (kind === Kind.Cdp) return deriveCdpTasks(store, id, rng, now, keep);
  const vms = owner.vms;
  const results = pickOutcome(rng, c.result[id] as number, vms.length);
  const span = (Number.isNaN(end) ? Math.max(now, creation) : end) - creation;
  const step = vms.length > 0 ? (span * 0.6) / vms.length : 0;
  const limit = Number.isNaN(end) ? Infinity : end;
  const failover = kind === Kind.Failover;
  const out: TaskRecord[] = [];
  // Past the last VM asked for nothing more is built, so the random draws can stop there.
  const last = vms.findLastIndex(keep);
  for (let k = 0; k <= last; k++) {
    const vmIndex = vms[k] as number;
    const result = results[k] ?? Result.Success;
    if (!keep(vmIndex)) {
      // The draws of a VM not asked for (start, end, reason), so each VM's task is the same whichever are asked for.
      rng();
      rng();
      if (!failover && (result === Result.Warning || result === Result.Failed)) rng();
      continue;
    }
    // Tasks stay inside their session's span; the query planner relies on it.
    const start = Math.min(
      creation + Math.min(span * 0.1, 15_000) + k * step + Math.floor(rng() * 999),
      limit - 2,
    );
    const taskEnd = Math.min(limit - 1, Math.max(start + 1000, start + step * (1 + rng() * 2) + 8000));
    const reason = failover ? '' : reasonFor(rng, result);
    const vm = store.inventory.vms[vmIndex];
    out.push({
      slot: k + 1,
      vmName: vm?.name ?? '',
      vmIndex,
      creation: start,
      end: taskEnd,
      state: failover ? SessionState.Stopped : TaskState.Completed,
      result,
      reason,
      totalSize: result === Result.Failed ? 0 : (vm?.totalSize ?? 0),
      progress: 100,
    });
  }
  return out;
}

function deriveCdpTasks(
  store: Store,
  id: number,
  rng: Rng,
  now: number,
  keep: (vmIndex: number) => boolean,
): TaskRecord[] {
  const c = store.cols;
  const owner = store.inventory.owners[c.owner[id] as number];
  const creation = c.creation[id] as number;
  const running = Number.isNaN(c.end[id]);
  const until = running ? now : (c.end[id] as number);
  const sessionResult = c.result[id] as number;
  const out: TaskRecord[] = [];
  const vms = owner?.vms ?? [];
  const badVm = vms.length > 0 ? Math.floor(rng() * vms.length) : -1;
  vms.forEach((vmIndex, v) => {
    const vm = store.inventory.vms[vmIndex];
    for (let k = 0; k < CDP_SLOTS_PER_VM; k++) {
      const start = creation + 1000 + v * 1700 + k * CDP_PERIOD_MS + randInt(rng, 0, 900);
      if (start >= until) break;
      const stop = Math.min(start + CDP_PERIOD_MS, until);
      const open = running && start + CDP_PERIOD_MS > now;
      const last = start + CDP_PERIOD_MS >= until;
      let result: number = Result.Success;
      if (!open && last && v === badVm && sessionResult >= Result.Warning) result = sessionResult;
      const reason = reasonFor(rng, result);
      if (!keep(vmIndex)) continue;
      out.push({
        slot: v * CDP_SLOTS_PER_VM + k + 1,
        vmName: vm?.name ?? '',
        vmIndex,
        creation: start,
        end: open ? NaN : stop,
        // An in-progress CDP task reports Result Success in every example (cdp-replica-task-session-entity.xml).
        state: open ? TaskState.InProgress : TaskState.Completed,
        result,
        reason,
        totalSize: vm?.totalSize ?? 0,
        progress: open ? 50 : 100,
      });
    }
  });
  return out;
}
