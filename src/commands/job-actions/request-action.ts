import { jobsNamed } from '../../em/estate.js';
import type { Job } from '../../em/estate-types.js';
import { latestSessionsOf } from '../../em/lookups.js';
import { sessionKindOfJob } from '../../protection/watched.js';
import type { Session } from '../../em/types.js';
import type { JobAction } from '../../em/job-actions.js';
import { buildErrorView } from '../../views/error-view.js';
import { section } from '../../views/blocks.js';
import type { ModalView, SlackMessage } from '../../views/format/block-kit.js';
import { finishView } from '../../views/finish-view.js';
import { resultLabel } from '../../views/format/result-emoji.js';
import { buildConfirmModal } from '../../views/job-action-view.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import type { CommandDeps } from '../types.js';
import { auditAction } from './audit.js';

const ACTIONS: readonly JobAction[] = ['retry', 'start', 'stop'];

/** Whether a text names a job action. */
export const isJobAction = (text: string): text is JobAction => (ACTIONS as readonly string[]).includes(text);

/** Who asks for which action on which job, and where its result is reported. */
export interface ActionAsk {
  action: JobAction;
  jobName: string;
  userId: string;
  channelId: string;
  /** The alert the button was on: the result goes into its thread. */
  messageTs?: string;
  /** The incident of that alert (its key in the state), kept with each audit entry. */
  incident?: string;
}

/**
 * The confirmation for an ask: an operator gets the modal with a signed token naming them, the job and the
 * action; anyone else (or a job without that link) the one line that says why not. Nothing reaches EM here.
 */
export async function prepareConfirmation(
  ask: ActionAsk,
  deps: CommandDeps,
): Promise<{ modal: ModalView } | { reply: SlackMessage }> {
  const jobActions = deps.jobActions;
  if (!jobActions) return { reply: buildErrorView('Job actions are off here (JOB_ACTIONS=off).') };
  const { action, userId } = ask;
  const audit = (outcome: string) =>
    auditAction(
      deps,
      { user: userId, job: ask.jobName, action, outcome, ...incidentOf(ask) },
      'job action request',
    );
  if (!(await jobActions.operators.isOperator(userId))) {
    await audit('refused_not_operator');
    const line = `:lock: only operators can ${action} jobs; ask ${jobActions.operators.whoToAsk}`;
    return { reply: finishView(line, [section(line, 'not_operator')]) };
  }
  const [job] = await jobsNamed(deps.client, ask.jobName, 2);
  if (!job) return { reply: buildErrorView(`No job named "${ask.jobName}".`) };
  if (!job.actions[action])
    return { reply: buildErrorView(`The job "${job.name}" offers no ${action} action.`) };
  const token = jobActions.tokens.sign(
    {
      user: userId,
      jobUid: job.uid,
      jobHref: job.href,
      jobName: job.name,
      action,
      channel: ask.channelId,
      ...(ask.messageTs ? { threadTs: ask.messageTs } : {}),
      ...incidentOf(ask),
    },
    deps.clock.now(),
  );
  const last = await newestSessionOf(job, deps);
  return {
    modal: buildConfirmModal({
      action,
      jobName: job.name,
      backupServer: job.backupServerName,
      lastResult: last ? resultLabel(last) : undefined,
      ...(last ? { lastAt: last.endTime ?? last.creationTime } : {}),
      token,
    }),
  };
}

/**
 * The job's newest session in EM (one query filtered by the job's UID, sorted newest first, page size 1);
 * undefined when it has none or EM could not say (the modal then shows "unknown").
 */
async function newestSessionOf(job: Job, deps: CommandDeps): Promise<Session | undefined> {
  const sessions = await latestSessionsOf(
    deps.client,
    sessionKindOfJob(job.jobType),
    { uid: job.uid },
    1,
  ).catch((error: unknown) => {
    deps.logger.warn({ err: String(error), job: job.name }, 'could not read the last result of a job');
    return [];
  });
  return sessions[0];
}

/**
 * `Retry` / `Start` / `Stop` (button value `<action>|<job name>`): an operator gets the confirmation modal with a
 * signed token; anyone else a one-line answer naming the operators. Nothing reaches EM here.
 */
export async function requestJobAction(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  if (!deps.jobActions) return io.reply(buildErrorView('Job actions are off here (JOB_ACTIONS=off).'));
  const [action = '', ...rest] = click.value.split('|');
  const jobName = rest.join('|');
  if (!isJobAction(action) || !jobName) return io.reply(buildErrorView('This button is not a job action.'));
  const { userId, channelId } = click.context;
  const ask = {
    action,
    jobName,
    userId,
    channelId,
    ...(click.messageTs ? { messageTs: click.messageTs } : {}),
    ...incidentAt(channelId, click.messageTs, deps),
  };
  const answer = await prepareConfirmation(ask, deps);
  if ('reply' in answer) return io.reply(answer.reply);
  if (!click.triggerId || !io.chat.openView)
    return io.reply(buildErrorView('This chat cannot ask for a confirmation.'));
  await io.chat.openView(click.triggerId, answer.modal);
  await auditConfirmationAsked(ask, deps);
}

/** Audits that the confirmation modal was opened for `ask`. */
export const auditConfirmationAsked = (ask: ActionAsk, deps: CommandDeps): Promise<void> =>
  auditAction(
    deps,
    {
      user: ask.userId,
      job: ask.jobName,
      action: ask.action,
      outcome: 'confirmation_asked',
      ...incidentOf(ask),
    },
    'job action request',
  );

const incidentOf = (ask: ActionAsk) => (ask.incident ? { incident: ask.incident } : {});

/** The incident whose first message is `ts` in `channel` (the alert a button was on), if the watcher has one. */
function incidentAt(channel: string, ts: string | undefined, deps: CommandDeps): { incident?: string } {
  if (!ts || !deps.watcher) return {};
  try {
    const found = Object.entries(deps.watcher.state().incidents).find(
      ([, incident]) => incident.channel === channel && incident.ts === ts,
    );
    return found ? { incident: found[0] } : {};
  } catch (error) {
    void error; // No watcher bound (alerts off): no incident to name.
    return {};
  }
}
