import { taskSessionsOf } from '../em/lookups.js';
import { inCreationOrder } from '../em/task-lists.js';
import type { TaskSession } from '../em/types.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildAlertView, type Incident } from '../views/alert-view.js';
import type { IncidentControls } from '../views/incident-controls.js';
import { buildTaskAlertView } from '../views/task-alert-view.js';
import type { AlertSubject } from './alert-subject.js';
import type { PollContext } from './poll-context.js';

export interface AlertMessageOptions {
  mentionFailed: string | undefined;
  mentionWarning: string | undefined;
  emWebUrl: string | undefined;
  now: number;
  incident?: Incident;
  /** The open incident's claim line and buttons (absent on recovered or threaded messages). */
  controls?: IncidentControls;
}

/** Options for rendering alerts, from the poll's config and clock; `mentions: false` leaves the mentions out. */
export function alertMessageOptions(
  ctx: Pick<PollContext, 'config' | 'emWebUrl' | 'now'>,
  { mentions = true }: { mentions?: boolean } = {},
): AlertMessageOptions {
  return {
    mentionFailed: mentions ? ctx.config.mentionFailed : undefined,
    mentionWarning: mentions ? ctx.config.mentionWarning : undefined,
    emWebUrl: ctx.emWebUrl,
    now: ctx.now(),
  };
}

/** The alert message of a subject: the session view with its failed and warning VMs, or the CDP task view. */
export function renderAlert(
  subject: AlertSubject,
  tasks: TaskSession[],
  opts: AlertMessageOptions,
): SlackMessage {
  const mention =
    subject.result === 'Failed'
      ? opts.mentionFailed
      : subject.result === 'Warning'
        ? opts.mentionWarning
        : undefined;
  const now = new Date(opts.now);
  // The views put the mention they are given first, once; which mention fits the result is decided here.
  return renderView(subject, tasks, { ...opts, now }, mention ? { mention } : {});
}

function renderView(
  subject: AlertSubject,
  tasks: TaskSession[],
  opts: Omit<AlertMessageOptions, 'now'> & { now: Date },
  mention: { mention?: string },
): SlackMessage {
  const controls = opts.controls ? { controls: opts.controls } : {};
  if (subject.task)
    return buildTaskAlertView(subject.task, {
      policyName: subject.jobName,
      now: opts.now,
      ...mention,
      ...controls,
    });
  if (!subject.session) throw new Error('an alert subject has a session or a task');
  return buildAlertView(subject.session, {
    tasks,
    now: opts.now,
    ...mention,
    ...(opts.emWebUrl ? { emWebUrl: opts.emWebUrl } : {}),
    ...(opts.incident ? { incident: opts.incident } : {}),
    ...controls,
  });
}

/**
 * The task sessions of an alerted session (the view shows the failed and warning ones and counts the rest): as
 * the poll read them ahead, else through its Down link; none for CDP tasks.
 */
export async function alertTasks(
  ctx: Pick<PollContext, 'em' | 'taskLists'>,
  subject: AlertSubject,
): Promise<TaskSession[]> {
  if (ctx.taskLists) return ctx.taskLists.of(subject);
  if (!subject.session) return [];
  // Oldest first, as the batched read gives them (alert-tasks.ts): an alert shows its tasks one way whichever read.
  return inCreationOrder(await taskSessionsOf(ctx.em, subject.session));
}
