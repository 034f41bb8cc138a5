import { Kind, Result, SessionState, TaskState } from '../model/enums.js';
import type { Owner, TaskRecord } from '../model/entities.js';
import type { Store } from '../store/store.js';
import { addRunningSession } from './running-session.js';
import { createRng, hash3, pick, randInt, type Rng } from '../util/prng.js';
import { FAILING_JOB } from './history-plan.js';
import { FAILURE_MESSAGES, FAILURE_REASONS, WARNING_REASONS } from './texts.js';
import { landBackup } from '../store/points.js';
import { runsOnSchedule } from '../model/next-run.js';

interface Running {
  id: number;
  owner: Owner;
  /** Planned task outcomes, one per VM, run one after another. */
  plan: { duration: number; result: number; reason: string }[];
  next: number;
  taskEndsAt: number;
}

interface CdpState {
  id: number;
  owner: Owner;
  nextTaskAt: number;
  vmCursor: number;
  open: { task: TaskRecord; endsAt: number; result: number; reason: string }[];
}

const DAY = 86_400_000;
/** When the failing job's first live run starts, after the scenario starts. */
const FAILING_JOB_FIRST_MS = 500;
/** The failing job's VMs take a quarter of the usual 2-6 s, so its live failure shows within the demo's first seconds. */
const FAILING_JOB_PACE = 4;
/** Stopped live sessions per job or plan that keep their task sessions (and VM points): the demo shows recent ones. */
export const LIVE_SESSIONS_KEPT = 10;
/**
 * How long an older stopped live session, its tasks dropped, stays queryable after it ended before it is retired:
 * longer than the watcher's default look-back (WATCH_LOOKBACK, 1 h). A poll that counts a past stretch of its
 * window again then counts what it read there before; a session gone from inside the window would read as a
 * change and make every poll read its whole window again.
 */
export const LIVE_ROWS_KEPT_MS = 2 * 3_600_000;

/**
 * The live scenario: jobs start every 15-60 s of scenario time and process their VMs one by one
 * (2-6 s each), about 40 % end with Warning or Failed; CDP policies keep producing task sessions; a cloud
 * failover plan runs VM by VM every few minutes. Everything is stamped with the clock's now when it
 * happens, so pollers see it at its timestamp.
 */
export class LiveEngine {
  private readonly rng: Rng;
  private readonly nextStart = new Map<number, number>();
  private readonly running = new Map<number, Running>();
  private readonly cdp: CdpState[] = [];
  private lastResult = new Map<number, number>();
  /** Stopped live sessions per owner with their tasks, oldest first; beyond LIVE_SESSIONS_KEPT they drop them. */
  private readonly finished = new Map<number, number[]>();
  /** Sessions that dropped their tasks, retired LIVE_ROWS_KEPT_MS after they ended. */
  private bare: number[] = [];
  private sweptAt = -Infinity;

  constructor(
    private readonly store: Store,
    now: number,
  ) {
    this.rng = createRng(hash3(store.seed, 0x11fe));
    for (const owner of store.inventory.owners) {
      if (owner.type === 'Job') {
        const at = now + randInt(this.rng, 500, 20_000);
        // The failing job runs first, so the demo shows a live failure within its first half minute.
        this.nextStart.set(owner.index, owner.name === FAILING_JOB ? now + FAILING_JOB_FIRST_MS : at);
      }
      if (owner.type === 'CloudFailoverPlan' && owner.index === this.firstPlan()?.index)
        this.nextStart.set(owner.index, now + 5_000);
      if (owner.type === 'CdpPolicy') this.startCdp(owner, now);
    }
  }

  private firstPlan(): Owner | undefined {
    return this.store.inventory.owners.find((o) => o.type === 'CloudFailoverPlan');
  }

  /** Stops managing a session (the control API took it over). */
  release(id: number): void {
    this.running.delete(id);
    const i = this.cdp.findIndex((c) => c.id === id);
    if (i >= 0) this.cdp.splice(i, 1);
  }

  /** Brings the scenario up to `now`. */
  tick(now: number): void {
    this.retireOld(now);
    for (const [ownerIndex, at] of this.nextStart) {
      if (at > now) continue;
      const owner = this.store.inventory.owners[ownerIndex] as Owner;
      const busy = [...this.running.values()].some((r) => r.owner.index === ownerIndex);
      const cadence =
        owner.kind === Kind.Failover
          ? randInt(this.rng, 180_000, 360_000)
          : randInt(this.rng, 15_000, 60_000);
      this.nextStart.set(ownerIndex, now + cadence);
      // Disabled and halted jobs stay silent (docs/simulator.md, "Schedules and history").
      const scheduled = owner.type !== 'Job' || runsOnSchedule(owner, now);
      if (!busy && scheduled) this.startSession(owner, now);
    }
    for (const run of [...this.running.values()]) this.advance(run, now);
    for (const state of this.cdp) this.advanceCdp(state, now);
  }

  private outcome(owner: Owner): number {
    const r = this.rng();
    // The failing job keeps failing live, so its VMs stay stale (docs/simulator.md, "Schedules and history").
    if (owner.name === FAILING_JOB) return Result.Failed;
    if (owner.kind === Kind.Failover) return r < 0.85 ? Result.Success : Result.Failed;
    return r < 0.6 ? Result.Success : r < 0.82 ? Result.Warning : Result.Failed;
  }

  private startSession(owner: Owner, now: number): void {
    const retry = this.lastResult.get(owner.index) === Result.Failed && this.rng() < 0.6;
    const id = addRunningSession(this.store, owner, now, retry);
    const pace = owner.name === FAILING_JOB ? FAILING_JOB_PACE : 1;
    const plan = owner.vms.map(() => {
      const result = this.outcome(owner);
      const reasons = result === Result.Warning ? WARNING_REASONS : FAILURE_REASONS;
      return {
        duration: Math.round(randInt(this.rng, 2_000, 6_000) / pace),
        result,
        reason:
          result === Result.Success
            ? ''
            : pick(this.rng, owner.kind === Kind.Failover ? FAILURE_MESSAGES : reasons),
      };
    });
    const failover = owner.kind === Kind.Failover;
    const tasks: TaskRecord[] = failover
      ? owner.vms.map((vmIndex, k) => this.task(k + 1, vmIndex, now + k, SessionState.Starting, 0))
      : [];
    this.store.setTasks(id, tasks);
    this.running.set(id, { id, owner, plan, next: 0, taskEndsAt: now });
  }

  private task(
    slot: number,
    vmIndex: number,
    creation: number,
    state: number,
    totalSize: number,
  ): TaskRecord {
    const vm = this.store.inventory.vms[vmIndex];
    return {
      slot,
      vmName: vm?.name ?? '',
      vmIndex,
      creation,
      end: NaN,
      state,
      result: Result.None,
      reason: '',
      totalSize,
      progress: 0,
    };
  }

  private advance(run: Running, now: number): void {
    const tasks = this.store.storedTasks.get(run.id) ?? [];
    const failover = run.owner.kind === Kind.Failover;
    while (run.taskEndsAt <= now && run.next <= run.plan.length) {
      const current = tasks[failover ? run.next - 1 : tasks.length - 1];
      const planned = run.plan[run.next - 1];
      if (current && planned && run.next > 0) {
        current.end = now;
        current.state = failover ? SessionState.Stopped : TaskState.Completed;
        current.result = planned.result;
        current.reason = planned.reason;
        current.progress = 100;
        if (planned.result === Result.Failed) current.totalSize = 0;
      }
      if (run.next === run.plan.length) return this.finish(run, now, tasks);
      const vmIndex = run.owner.vms[run.next] as number;
      if (failover)
        Object.assign(tasks[run.next] as TaskRecord, { state: SessionState.Working, creation: now });
      else
        this.store.addTask(
          run.id,
          this.task(
            run.next + 1,
            vmIndex,
            now,
            TaskState.InProgress,
            this.store.inventory.vms[vmIndex]?.totalSize ?? 0,
          ),
        );
      run.taskEndsAt = now + (run.plan[run.next]?.duration ?? 5_000);
      run.next++;
    }
    const progress = Math.floor(((run.next - 1) / Math.max(1, run.plan.length)) * 100);
    this.store.cols.progress[run.id] = Math.max(0, Math.min(99, progress));
  }

  private finish(run: Running, now: number, tasks: TaskRecord[]): void {
    const worst = tasks.reduce<number>((w, t) => Math.max(w, t.result), Result.Success);
    if (run.owner.kind === Kind.Failover && worst === Result.Failed) {
      this.store.failureMessages.set(run.id, tasks.find((t) => t.result === Result.Failed)?.reason ?? '');
      for (const t of tasks) t.reason = '';
    }
    this.store.update(run.id, { end: now, state: SessionState.Stopped, result: worst, progress: 100 });
    landBackup(this.store, run.id, tasks);
    this.lastResult.set(run.owner.index, worst);
    this.running.delete(run.id);
    this.retireBeyond(run.owner.index, run.id);
  }

  /** Memory stays flat: the owner's older sessions drop their tasks now and leave the store later. */
  private retireBeyond(ownerIndex: number, id: number): void {
    const kept = this.finished.get(ownerIndex) ?? [];
    kept.push(id);
    while (kept.length > LIVE_SESSIONS_KEPT) {
      const old = kept.shift() as number;
      this.store.dropTasks(old);
      this.bare.push(old);
    }
    this.finished.set(ownerIndex, kept);
  }

  /** Once a scenario minute, retires the sessions without tasks that ended LIVE_ROWS_KEPT_MS ago. */
  private retireOld(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    const ended = this.store.cols.end;
    this.bare = this.bare.filter((id) => {
      const old = (ended[id] as number) < now - LIVE_ROWS_KEPT_MS;
      if (old) this.store.retire(id);
      return !old;
    });
  }

  private startCdp(owner: Owner, now: number): void {
    for (const id of this.store.running[Kind.Cdp] ?? []) {
      if (this.store.cols.owner[id] === owner.index)
        this.store.update(id, {
          end: now,
          state: SessionState.Stopped,
          result: Result.Success,
          progress: 100,
        });
    }
    const id = this.store.add({
      kind: Kind.Cdp,
      owner: owner.index,
      creation: now,
      end: NaN,
      state: SessionState.Working,
      result: Result.None,
      progress: 0,
      retry: false,
    });
    this.store.setTasks(id, []);
    this.cdp.push({ id, owner, nextTaskAt: now + randInt(this.rng, 2_000, 10_000), vmCursor: 0, open: [] });
  }

  private advanceCdp(state: CdpState, now: number): void {
    for (const open of state.open.filter((o) => o.endsAt <= now)) {
      Object.assign(open.task, {
        end: now,
        state: TaskState.Completed,
        result: open.result,
        reason: open.reason,
        progress: 100,
      });
    }
    state.open = state.open.filter((o) => o.endsAt > now);
    this.trimCdpTasks(state, now);
    if (now - (this.store.cols.creation[state.id] as number) >= DAY) {
      this.cdp.splice(this.cdp.indexOf(state), 1);
      return this.startCdp(state.owner, now);
    }
    if (state.nextTaskAt > now || state.owner.vms.length === 0) return;
    const vmIndex = state.owner.vms[state.vmCursor++ % state.owner.vms.length] as number;
    const slot = (this.store.storedTasks.get(state.id)?.at(-1)?.slot ?? 0) + 1;
    // An in-progress CDP task reports Result Success (cdp-replica-task-session-entity.xml).
    const task = {
      ...this.task(
        slot,
        vmIndex,
        now,
        TaskState.InProgress,
        this.store.inventory.vms[vmIndex]?.totalSize ?? 0,
      ),
      result: Result.Success,
    };
    this.store.addTask(state.id, task);
    const r = this.rng();
    const result = r < 0.75 ? Result.Success : r < 0.9 ? Result.Warning : Result.Failed;
    const reason =
      result === Result.Warning
        ? pick(this.rng, WARNING_REASONS)
        : result === Result.Failed
          ? pick(this.rng, FAILURE_REASONS)
          : '';
    state.open.push({ task, endsAt: now + randInt(this.rng, 3_000, 10_000), result, reason });
    state.nextTaskAt = now + randInt(this.rng, 4_000, 12_000);
  }

  /**
   * Drops the finished task sessions of a long-running CDP session that ended LIVE_ROWS_KEPT_MS ago (a poll's
   * look-back counts the same ones it read; a day's session would otherwise hold thousands).
   */
  private trimCdpTasks(state: CdpState, now: number): void {
    const tasks = this.store.storedTasks.get(state.id);
    const cutoff = now - LIVE_ROWS_KEPT_MS;
    const first = tasks?.findIndex((task) => !(task.end < cutoff)) ?? 0;
    if (!tasks || first === 0) return;
    const kept = first < 0 ? [] : tasks.slice(first);
    this.store.storedTasks.set(state.id, kept);
  }
}
