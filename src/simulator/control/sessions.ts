import { Kind, kindOfSessionType, Result, SESSION_TYPE, SessionState, TaskState } from '../model/enums.js';
import type { Owner, OwnerType, TaskRecord } from '../model/entities.js';
import { landBackup } from '../store/points.js';
import { taskList } from '../store/tasks.js';
import { guidFromRng } from '../util/guid.js';
import { createRng, hash3 } from '../util/prng.js';
import type { World } from '../world.js';
import { SESSION_PATH } from '../xml/context.js';
import * as p from './parse-spec.js';
import { ControlError, type SessionCreated } from './session-spec.js';

const OWNER_TYPE: Record<Kind, OwnerType> = { 0: 'Job', 1: 'Job', 2: 'CdpPolicy', 3: 'CloudFailoverPlan' };
const JOB_TYPE: Record<Kind, string> = { 0: 'Backup', 1: 'Replica', 2: 'CdpReplica', 3: 'FailoverPlan' };

function ownerFor(world: World, kind: Kind, jobName: string | undefined): Owner {
  const inv = world.store.inventory;
  if (jobName === undefined) {
    const first = inv.owners.find((o) => o.kind === kind);
    if (!first) throw new ControlError('no owner of that type; give jobName');
    return first;
  }
  if (jobName.trim() === '') throw new ControlError('jobName must not be empty');
  const existing = inv.ownerNamed(OWNER_TYPE[kind], jobName);
  if (existing) {
    if (existing.kind !== kind)
      throw new ControlError(`'${jobName}' exists as a ${JOB_TYPE[existing.kind]} job`);
    return existing;
  }
  const rng = createRng(hash3(world.store.seed, 0xc0de, inv.owners.length));
  return inv.addOwner({
    type: OWNER_TYPE[kind],
    kind,
    guid: guidFromRng(rng),
    name: jobName,
    jobType: JOB_TYPE[kind],
    platform: 'VMware',
    description: 'Created through the simulator control API',
    serverIndex: 0,
    vms: [],
    scheduleConfigured: false,
    scheduleEnabled: false,
    everyMinutes: 1440,
    startMinute: 22 * 60,
    typicalDurationMs: 600_000,
    tenantName: kind === Kind.Failover ? 'Control API Tenant' : '',
    tenantGuid: kind === Kind.Failover ? guidFromRng(rng) : '',
    repositoryIndex: kind <= Kind.Replica && inv.repositories.length > 0 ? 0 : -1,
  });
}

interface SessionFrame {
  kind: Kind;
  creation: number;
  end: number;
  stopped: boolean;
  result: number;
}

/** Builds or patches one task record from its spec, defaulting from the session (docs/simulator.md, "Control API"). */
function applyTask(
  world: World,
  frame: SessionFrame,
  spec: unknown,
  existing: TaskRecord | undefined,
  slot: number,
): TaskRecord {
  const body = p.objectBody(spec);
  const vmName = p.stringValue(body.vmName, 'tasks[].vmName') ?? existing?.vmName;
  if (!vmName) throw new ControlError('tasks[].vmName is required');
  const failover = frame.kind === Kind.Failover;
  const state = failover ? p.sessionState(body.state) : p.taskState(body.state);
  const vm = world.store.inventory.vmNamed(vmName);
  const doneState = failover ? SessionState.Stopped : TaskState.Completed;
  const finalState =
    state ??
    existing?.state ??
    (frame.stopped ? doneState : failover ? SessionState.Working : TaskState.InProgress);
  const done = finalState === doneState;
  const creation =
    p.dateValue(body.creationTime, 'tasks[].creationTime') ?? existing?.creation ?? frame.creation;
  const end = done
    ? (p.dateValue(body.endTime, 'tasks[].endTime') ??
      (Number.isNaN(existing?.end ?? NaN)
        ? Number.isNaN(frame.end)
          ? Math.max(creation, frame.creation)
          : frame.end
        : (existing?.end as number)))
    : NaN;
  const runningResult = frame.kind === Kind.Cdp ? Result.Success : Result.None;
  return {
    slot,
    vmName,
    vmIndex: vm?.index ?? -1,
    creation,
    end,
    state: finalState,
    result:
      p.resultValue(body.result) ??
      (existing && (!done || existing.result !== Result.None)
        ? existing.result
        : done
          ? Result.Success
          : runningResult),
    reason: p.stringValue(body.reason, 'tasks[].reason') ?? existing?.reason ?? '',
    totalSize:
      p.numberValue(body.totalSize, 'tasks[].totalSize', 0, Number.MAX_SAFE_INTEGER) ??
      existing?.totalSize ??
      vm?.totalSize ??
      0,
    progress:
      p.numberValue(body.progress, 'tasks[].progress', 0, 100) ?? (done ? 100 : (existing?.progress ?? 0)),
  };
}

function answer(world: World, id: number, base: string): SessionCreated {
  const kind = world.store.kindOf(id);
  const guid = world.store.guid(id);
  return {
    uid: `urn:veeam:${SESSION_TYPE[kind]}:${guid}`,
    id: guid,
    href: `${base}/${SESSION_PATH[kind]}/${guid}?format=Entity`,
  };
}

function taskSpecs(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ControlError('tasks must be an array');
  return value;
}

/** POST /_sim/sessions: adds a session (and its owner when new). */
export function createSession(world: World, spec: unknown, now: number, base: string): SessionCreated {
  const body = p.objectBody(spec);
  const kind = typeof body.type === 'string' ? kindOfSessionType(body.type) : undefined;
  if (kind === undefined)
    throw new ControlError(
      'type must be BackupJobSession, ReplicaJobSession, CdpReplicaSession or CloudFailoverSession',
    );
  const owner = ownerFor(world, kind, p.stringValue(body.jobName, 'jobName'));
  const endGiven = p.dateValue(body.endTime, 'endTime');
  const result = p.resultValue(body.result);
  const state =
    p.sessionState(body.state) ??
    (endGiven !== undefined || (result ?? Result.None) !== Result.None
      ? SessionState.Stopped
      : SessionState.Working);
  const stopped = state === SessionState.Stopped;
  if (!stopped && endGiven !== undefined) throw new ControlError('endTime needs state Stopped');
  const creation = p.dateValue(body.creationTime, 'creationTime') ?? now;
  const end = stopped ? (endGiven ?? Math.max(now, creation)) : NaN;
  if (end < creation) throw new ControlError('endTime is before creationTime');
  const finalResult = result ?? (stopped ? Result.Success : Result.None);
  const frame: SessionFrame = { kind, creation, end, stopped, result: finalResult };
  const tasks = taskSpecs(body.tasks).map((t, i) => applyTask(world, frame, t, undefined, i + 1));
  const progress =
    p.numberValue(body.progress, 'progress', 0, 100) ?? (stopped ? (kind === Kind.Cdp ? 0 : 100) : 0);
  const retry = p.boolValue(body.isRetry, 'isRetry') ?? false;
  const message = p.stringValue(body.failureMessage, 'failureMessage');
  const id = world.store.add({
    kind,
    owner: owner.index,
    creation,
    end,
    state,
    result: finalResult,
    progress,
    retry,
  });
  world.store.setTasks(id, tasks);
  if (message) world.store.failureMessages.set(id, message);
  landBackup(world.store, id, tasks);
  return answer(world, id, base);
}

/** POST /_sim/sessions/{id}: changes state, result, progress, end time and tasks of any session. */
export function patchSession(
  world: World,
  guid: string,
  patch: unknown,
  now: number,
  base: string,
): SessionCreated {
  const store = world.store;
  const id = store.findSession(guid);
  if (id < 0) throw new ControlError(`no session ${guid}`, 404);
  const body = p.objectBody(patch);
  const kind = store.kindOf(id);
  const state = p.sessionState(body.state) ?? (store.cols.state[id] as number);
  const stopped = state === SessionState.Stopped;
  const endGiven = p.dateValue(body.endTime, 'endTime');
  if (!stopped && endGiven !== undefined) throw new ControlError('endTime needs state Stopped');
  const wasEnd = store.cols.end[id] as number;
  const end = stopped ? (endGiven ?? (Number.isNaN(wasEnd) ? now : wasEnd)) : NaN;
  const result =
    p.resultValue(body.result) ??
    (stopped && store.cols.result[id] === Result.None ? Result.Success : (store.cols.result[id] as number));
  const progress =
    p.numberValue(body.progress, 'progress', 0, 100) ?? (stopped && Number.isNaN(wasEnd) ? 100 : undefined);
  const message = p.stringValue(body.failureMessage, 'failureMessage');
  const retry = p.boolValue(body.isRetry, 'isRetry');
  const frame: SessionFrame = { kind, creation: store.cols.creation[id] as number, end, stopped, result };
  const tasks = taskList(store, id, now).map((t) => ({ ...t }));
  for (const spec of taskSpecs(body.tasks)) {
    const name = p.stringValue(p.objectBody(spec).vmName, 'tasks[].vmName')?.toLowerCase();
    const at = tasks.findIndex((t) => t.vmName.toLowerCase() === name);
    if (at >= 0) tasks[at] = applyTask(world, frame, spec, tasks[at], (tasks[at] as TaskRecord).slot);
    else
      tasks.push(
        applyTask(world, frame, spec, undefined, tasks.reduce((m, t) => Math.max(m, t.slot), 0) + 1),
      );
  }
  if (stopped) {
    const done = kind === Kind.Failover ? SessionState.Stopped : TaskState.Completed;
    for (const t of tasks.filter((t) => Number.isNaN(t.end)))
      Object.assign(t, {
        end,
        state: done,
        progress: 100,
        result: t.result === Result.None ? Result.Success : t.result,
      });
  }
  world.engine?.release(id);
  store.setTasks(id, tasks);
  if (message !== undefined) store.failureMessages.set(id, message);
  store.update(id, { state, end, result, progress, retry });
  return answer(world, id, base);
}
