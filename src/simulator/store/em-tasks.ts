import type { Store } from './store.js';
import { ActionRuns } from '../scenario/action-runs.js';

/** Scenario time between a job action and the end of its EM task (the session keeps running). */
export const TASK_FINISH_MS = 1_000;

/** One EM task (`/tasks/task-N`): what a job or plan action answers with. */
export interface EmTask {
  /** `task-N`. */
  taskId: string;
  /** `StartJob`, `StopJob`, `RetryJob`, `StartJobSync`, `StartCloudFailoverPlan`. */
  operation: string;
  createdAt: number;
  finishAt: number;
  success: boolean;
  message: string;
  /** The session the action created or stopped (store row), or -1. */
  sessionId: number;
}

/** The EM tasks of one world and the action-started runs that go with them; ticked with the world. */
export class EmTasks {
  private counter = 0;
  private readonly byId = new Map<string, EmTask>();
  readonly runs: ActionRuns;

  constructor(readonly store: Store) {
    this.runs = new ActionRuns(store);
  }

  /** Records a new task, Running until `TASK_FINISH_MS` of scenario time has passed. */
  add(now: number, operation: string, success: boolean, message: string, sessionId = -1): EmTask {
    this.counter++;
    const task: EmTask = {
      taskId: `task-${this.counter}`,
      operation,
      createdAt: now,
      finishAt: now + TASK_FINISH_MS,
      success,
      message,
      sessionId,
    };
    this.byId.set(task.taskId, task);
    return task;
  }

  get(taskId: string): EmTask | undefined {
    return this.byId.get(taskId.toLowerCase());
  }

  /** DELETE /tasks/{ID}: forgets the task; false when unknown. */
  delete(taskId: string): boolean {
    return this.byId.delete(taskId.toLowerCase());
  }

  /** Every task, oldest first. */
  list(): EmTask[] {
    return [...this.byId.values()];
  }

  /** Brings the action-started sessions up to `now` (tasks finish by comparing times, see `isFinished`). */
  tick(now: number): void {
    this.runs.tick(now);
  }
}

/** Whether a task reads Finished at `now`. */
export function isFinished(task: EmTask, now: number): boolean {
  return now >= task.finishAt;
}

const registries = new WeakMap<Store, EmTasks>();

/** The task registry of a store; a rebuilt world (POST /_sim/reset) starts with none. */
export function emTasksOf(store: Store): EmTasks {
  let tasks = registries.get(store);
  if (!tasks) registries.set(store, (tasks = new EmTasks(store)));
  return tasks;
}
