import { AppError, ErrorCode } from '../shared/errors.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { EmClient } from './client.js';
import { EmError } from './errors.js';
import type { EmTask, Job, JobActionLinks } from './estate-types.js';
import { mapTask } from './mappers/tasks.js';

/** A job action the client can ask EM for. */
export type JobAction = keyof JobActionLinks;

/** Why EM did not run an action: no such link on the job, the account's role, or EM refused it. */
export type JobActionRefusal = 'unavailable' | 'forbidden' | 'refused';

/** An action EM would not run, with EM's one-line reason (docs/em-protocol.md, "Job actions and tasks"). */
export class JobActionError extends AppError {
  readonly reason: JobActionRefusal;
  readonly action: JobAction;
  /** EM's own message, one line; undefined when the job simply offers no such action. */
  readonly emMessage: string | undefined;

  constructor(
    action: JobAction,
    reason: JobActionRefusal,
    detail: { message: string; emMessage?: string; cause?: unknown },
  ) {
    const code = reason === 'forbidden' ? ErrorCode.EmForbidden : ErrorCode.EmBadRequest;
    super(code, detail.message, { cause: detail.cause, userMessage: detail.emMessage ?? detail.message });
    this.reason = reason;
    this.action = action;
    this.emMessage = detail.emMessage;
  }
}

/** Starts a job through its own `Start` link; answers EM's `Task`. */
export const startJob = (client: EmClient, job: Job): Promise<EmTask> => runAction(client, job, 'start');
/** Stops a job through its own `Stop` link. */
export const stopJob = (client: EmClient, job: Job): Promise<EmTask> => runAction(client, job, 'stop');
/** Retries a job through its own `Retry` link. */
export const retryJob = (client: EmClient, job: Job): Promise<EmTask> => runAction(client, job, 'retry');

/**
 * POSTs the job's own action link (never a URL built here: a job type without the link offers no such action).
 * A 4xx from EM becomes a `JobActionError` carrying EM's message; other failures stay `EmError`s.
 */
export async function runAction(client: EmClient, job: Job, action: JobAction): Promise<EmTask> {
  const href = job.actions[action];
  if (href === undefined) {
    throw new JobActionError(action, 'unavailable', {
      message: `the job "${job.name}" offers no ${action} action`,
    });
  }
  let document;
  try {
    document = await client.post(href);
  } catch (error) {
    throw refusalOf(action, error) ?? error;
  }
  if (document.root !== 'Task') {
    throw new EmError(ErrorCode.EmParse, `expected a Task after ${action}, got <${document.root}>`, {
      request: `POST job?action=${action}`,
    });
  }
  return mapTask(document.node);
}

function refusalOf(action: JobAction, error: unknown): JobActionError | undefined {
  if (!(error instanceof EmError) || error.status === undefined) return undefined;
  if (error.status < 400 || error.status >= 500 || error.status === 401 || error.status === 404)
    return undefined;
  const emMessage = emMessageOf(error);
  return new JobActionError(action, error.status === 403 ? 'forbidden' : 'refused', {
    message: `Enterprise Manager refused to ${action} the job (${error.status})${emMessage ? `: ${emMessage}` : ''}`,
    ...(emMessage ? { emMessage } : {}),
    cause: error,
  });
}

/** EM's one-line message from an error the transport built (`… answered 403: <message>`). */
export function emMessageOf(error: EmError): string | undefined {
  const match = /answered \d{3}: (.+)$/s.exec(error.message);
  const line = match?.[1]?.split(/\r?\n/)[0]?.trim();
  return line ? line : undefined;
}

/** How a finished task ended: EM's verdict, its message and the session it started (if it says). */
export interface TaskOutcome {
  success: boolean;
  message: string | undefined;
  sessionHref: string | undefined;
  task: EmTask;
}

export interface WaitOptions {
  timeoutMs: number;
  clock?: Clock;
  /** Waits between polls; tests pass one that steps their clock. */
  sleep?: (ms: number) => Promise<void>;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a task's Href with backoff until its `State` is `Finished` (docs/em-protocol.md, "Job actions and tasks").
 * Throws an `em_timeout` EmError when `timeoutMs` of the clock pass first.
 */
export async function waitForTask(
  client: EmClient,
  taskHref: string,
  options: WaitOptions,
): Promise<TaskOutcome> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const deadline = clock.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 1000;
  for (;;) {
    const document = await client.getXml(taskHref);
    if (document.root !== 'Task') {
      throw new EmError(ErrorCode.EmParse, `expected a Task, got <${document.root}>`, {
        request: 'GET task',
      });
    }
    const task = mapTask(document.node);
    if (task.state.toLowerCase() === 'finished') {
      return { success: task.success === true, message: task.message, sessionHref: task.related?.href, task };
    }
    const left = deadline - clock.now();
    if (left <= 0) {
      throw new EmError(
        ErrorCode.EmTimeout,
        `task ${task.taskId} still ${task.state} after ${options.timeoutMs} ms`,
        {
          request: 'GET task',
          userMessage: 'Enterprise Manager accepted the action but has not finished it yet',
        },
      );
    }
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
  }
}
