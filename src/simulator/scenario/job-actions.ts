import { Result } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import { emTasksOf } from '../store/em-tasks.js';
import type { Store } from '../store/store.js';
import { taskList } from '../store/tasks.js';
import type { LiveEngine } from './live-engine.js';

/** What an action did: carried out (with the session it created or stopped) or refused. */
export type ActionOutcome =
  | { kind: 'done'; operation: string; message: string; sessionId: number }
  /** Refused because of the job's state: answered per `refuseActionsWith`. */
  | { kind: 'refused'; operation: string; message: string }
  /** Not an action this owner offers (no link for it): always a 400 Error. */
  | { kind: 'invalid'; message: string };

const JOB_OPERATIONS: Record<string, string> = {
  start: 'StartJob',
  stop: 'StopJob',
  retry: 'RetryJob',
  sync: 'StartJobSync',
};

/** The actions an owner's entity links offer: backup copy jobs sync instead of start and retry. */
export function actionsOf(owner: Owner): string[] {
  if (owner.type === 'CloudFailoverPlan') return ['start', 'test'];
  if (owner.type !== 'Job') return [];
  return owner.jobType === 'BackupCopy' ? ['sync', 'stop'] : ['start', 'stop', 'retry'];
}

/** The running session of an owner, or -1. */
export function runningSessionOf(store: Store, owner: Owner): number {
  for (const id of store.running[owner.kind] ?? []) if (store.cols.owner[id] === owner.index) return id;
  return -1;
}

function lastFinishedSessionOf(store: Store, owner: Owner): number {
  const ids = store.byOwner(owner.index).range(-Infinity, false, Infinity, false);
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i] as number;
    if (!Number.isNaN(store.cols.end[id])) return id;
  }
  return -1;
}

function jobRefusal(store: Store, owner: Owner, action: string, now: number): string | undefined {
  const running = runningSessionOf(store, owner) >= 0;
  const what = owner.type === 'Job' ? 'Job' : 'Cloud failover plan';
  if (action === 'stop') return running ? undefined : `${what} "${owner.name}" is not running.`;
  if (running) return `${what} "${owner.name}" is already running.`;
  if (action !== 'retry') return undefined;
  const last = lastFinishedSessionOf(store, owner);
  const failed = last >= 0 && store.cols.result[last] === Result.Failed;
  if (!failed) return `Job "${owner.name}" cannot be retried: its last session did not fail.`;
  return taskList(store, last, now).some((t) => t.result === Result.Failed)
    ? undefined
    : `Job "${owner.name}" has no failed VMs to retry.`;
}

function vmsToRun(store: Store, owner: Owner, action: string, now: number): number[] {
  if (action !== 'retry') return owner.vms.slice();
  const last = lastFinishedSessionOf(store, owner);
  return taskList(store, last, now)
    .filter((t) => t.result === Result.Failed)
    .map((t) => t.vmIndex);
}

/**
 * Carries out `action` on a job or cloud failover plan at `now`: start/sync/retry/test start a session
 * (a retry over the VMs that failed last time), stop ends the running one. Refusals follow EM's
 * documented preconditions (docs/em-protocol.md, "Refused job actions").
 */
export function runAction(
  store: Store,
  engine: LiveEngine | undefined,
  owner: Owner,
  action: string,
  now: number,
): ActionOutcome {
  if (!actionsOf(owner).includes(action))
    return { kind: 'invalid', message: `The action '${action}' is not available for "${owner.name}".` };
  const plan = owner.type === 'CloudFailoverPlan';
  const operation = plan ? 'StartCloudFailoverPlan' : (JOB_OPERATIONS[action] as string);
  const refusal = jobRefusal(store, owner, action, now);
  if (refusal) return { kind: 'refused', operation, message: refusal };
  const runs = emTasksOf(store).runs;
  if (action === 'stop') {
    const id = runningSessionOf(store, owner);
    engine?.release(id);
    runs.stop(id, now);
    return { kind: 'done', operation, message: `Job "${owner.name}" stopped.`, sessionId: id };
  }
  const id = runs.start(owner, vmsToRun(store, owner, action, now), now, action === 'retry');
  const verb = action === 'retry' ? 'retry' : 'start';
  const message = plan ? 'Ok' : `Job "${owner.name}" triggered to ${verb}.`;
  return { kind: 'done', operation, message, sessionId: id };
}
