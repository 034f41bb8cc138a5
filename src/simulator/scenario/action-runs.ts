import { Kind, Result, SessionState, TaskState } from '../model/enums.js';
import type { Owner, TaskRecord } from '../model/entities.js';
import { landBackup } from '../store/points.js';
import type { Store } from '../store/store.js';
import { addRunningSession } from './running-session.js';

/** Scenario time a started or retried session takes for all its VMs together. */
export const ACTION_RUN_MS = 4_000;
/** Reason and failure message written when a session is stopped through `?action=stop`. */
export const STOPPED_REASON = 'Job has been stopped by user.';

interface ActionRun {
  id: number;
  failover: boolean;
  tasks: TaskRecord[];
  stepMs: number;
  next: number;
  stepEndsAt: number;
}

function newTask(store: Store, slot: number, vmIndex: number, now: number, failover: boolean): TaskRecord {
  const vm = store.inventory.vms[vmIndex];
  return {
    slot,
    vmName: vm?.name ?? '',
    vmIndex,
    creation: now,
    end: NaN,
    state: failover ? SessionState.Starting : TaskState.Pending,
    result: Result.None,
    reason: '',
    totalSize: failover ? 0 : (vm?.totalSize ?? 0),
    progress: 0,
  };
}

/**
 * Sessions started by job and plan actions. They run whether or not the live scenario does (tests
 * with `live: false` step the clock), process their VMs one after another within ACTION_RUN_MS and
 * succeed, so a retry is seen to fix what failed.
 */
export class ActionRuns {
  private readonly runs = new Map<number, ActionRun>();

  constructor(private readonly store: Store) {}

  /** Starts a session of `owner` over `vms`; returns its store row. */
  start(owner: Owner, vms: number[], now: number, retry: boolean): number {
    const failover = owner.kind === Kind.Failover;
    const id = addRunningSession(this.store, owner, now, retry);
    const tasks = vms.map((vmIndex, k) => newTask(this.store, k + 1, vmIndex, now, failover));
    this.store.setTasks(id, tasks);
    const stepMs = Math.floor(ACTION_RUN_MS / Math.max(1, vms.length));
    const run = { id, failover, tasks, stepMs, next: 0, stepEndsAt: now + stepMs };
    this.begin(run, 0, now);
    this.runs.set(id, run);
    return id;
  }

  /** Whether this session is one of ours and still running. */
  has(id: number): boolean {
    return this.runs.has(id);
  }

  /** Ends a running session now (any session, ours or the live scenario's): open tasks fail, the session ends Failed. */
  stop(id: number, now: number): void {
    this.runs.delete(id);
    const failover = this.store.kindOf(id) === Kind.Failover;
    for (const task of this.store.storedTasks.get(id) ?? []) {
      if (!Number.isNaN(task.end)) continue;
      Object.assign(task, {
        end: now,
        state: failover ? SessionState.Stopped : TaskState.Completed,
        result: Result.Failed,
        reason: STOPPED_REASON,
        totalSize: 0,
      });
    }
    this.store.failureMessages.set(id, STOPPED_REASON);
    this.store.update(id, { end: now, state: SessionState.Stopped, result: Result.Failed, progress: 100 });
  }

  /** Completes every VM step that is due and ends sessions whose VMs are all done. */
  tick(now: number): void {
    for (const run of [...this.runs.values()]) {
      while (run.stepEndsAt <= now && run.next < run.tasks.length) {
        Object.assign(run.tasks[run.next] as TaskRecord, {
          end: now,
          state: run.failover ? SessionState.Stopped : TaskState.Completed,
          result: Result.Success,
          progress: 100,
        });
        run.next++;
        run.stepEndsAt += run.stepMs;
        this.begin(run, run.next, now);
      }
      const done = run.tasks.length === 0 ? run.stepEndsAt <= now : run.next >= run.tasks.length;
      if (done) this.finish(run, now);
      else this.store.cols.progress[run.id] = Math.floor((run.next / run.tasks.length) * 100);
    }
  }

  private begin(run: ActionRun, k: number, now: number): void {
    const task = run.tasks[k];
    if (!task) return;
    task.creation = now;
    task.state = run.failover ? SessionState.Working : TaskState.InProgress;
  }

  private finish(run: ActionRun, now: number): void {
    this.runs.delete(run.id);
    this.store.update(run.id, {
      end: now,
      state: SessionState.Stopped,
      result: Result.Success,
      progress: 100,
    });
    landBackup(this.store, run.id, run.tasks);
  }
}
