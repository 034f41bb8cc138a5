import { jobsNamed } from '../../em/estate.js';
import type { JobAction } from '../../em/job-actions.js';
import { buildErrorView } from '../../views/error-view.js';
import { section } from '../../views/blocks.js';
import { finishView } from '../../views/finish-view.js';
import { buildConfirmModal } from '../../views/job-action-view.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import type { CommandDeps } from '../types.js';

const ACTIONS: readonly JobAction[] = ['retry', 'start', 'stop'];

/** Whether a text names a job action. */
export const isJobAction = (text: string): text is JobAction => (ACTIONS as readonly string[]).includes(text);

/**
 * `Retry` / `Start` / `Stop` (button value `<action>|<job name>`): an operator gets the confirmation modal with a
 * signed token; anyone else a one-line answer naming the operators. Nothing reaches EM here.
 */
export async function requestJobAction(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  const jobActions = deps.jobActions;
  if (!jobActions) return io.reply(buildErrorView('Job actions are off here (JOB_ACTIONS=off).'));
  const [action = '', ...rest] = click.value.split('|');
  const name = rest.join('|');
  if (!isJobAction(action) || !name) return io.reply(buildErrorView('This button is not a job action.'));
  const { userId, channelId } = click.context;
  const audit = (outcome: string) =>
    deps.logger.info({ audit: true, user: userId, job: name, action, outcome }, 'job action request');
  if (!(await jobActions.operators.isOperator(userId))) {
    audit('refused_not_operator');
    const line = `:lock: only operators can ${action} jobs; ask ${jobActions.operators.whoToAsk}`;
    return io.reply(finishView(line, [section(line, 'not_operator')]));
  }
  const [job] = await jobsNamed(deps.client, name, 2);
  if (!job) return io.reply(buildErrorView(`No job named "${name}".`));
  if (!job.actions[action])
    return io.reply(buildErrorView(`The job "${job.name}" offers no ${action} action.`));
  if (!click.triggerId || !io.chat.openView)
    return io.reply(buildErrorView('This chat cannot ask for a confirmation.'));
  const token = jobActions.tokens.sign(
    {
      user: userId,
      jobUid: job.uid,
      jobHref: job.href,
      jobName: job.name,
      action,
      channel: channelId,
      ...(click.messageTs ? { threadTs: click.messageTs } : {}),
    },
    deps.clock.now(),
  );
  const incident = Object.values(deps.watcher?.state().incidents ?? {}).find((i) => i.jobName === job.name);
  await io.chat.openView(
    click.triggerId,
    buildConfirmModal({
      action,
      jobName: job.name,
      backupServer: job.backupServerName,
      lastResult: incident?.lastResult,
      token,
    }),
  );
  audit('confirmation_asked');
}
