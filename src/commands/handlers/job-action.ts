import { jobsNamed } from '../../em/estate.js';
import type { JobAction } from '../../em/job-actions.js';
import { UsageError } from '../../shared/errors.js';
import { section } from '../../views/blocks.js';
import { buildErrorView } from '../../views/error-view.js';
import type { KnownBlock, SlackMessage } from '../../views/format/block-kit.js';
import { boldName } from '../../views/format/escape-mrkdwn.js';
import { truncate } from '../../views/format/truncate.js';
import { finishView } from '../../views/finish-view.js';
import { ACTION_LABEL, jobActionBlocks } from '../../views/job-action-view.js';
import { unquote } from '../parse-text.js';
import { resolveName } from '../resolve-name.js';
import type { CommandContext, CommandDeps, CommandHandler } from '../types.js';
import {
  auditConfirmationAsked,
  prepareConfirmation,
  type ActionAsk,
} from '../job-actions/request-action.js';

/**
 * The Start / Stop buttons of a job for `/veeam status` (JOB_ACTIONS=on), only where its own links offer them;
 * none when job actions are off or the job cannot be read.
 */
export async function statusActionBlocks(jobName: string, deps: CommandDeps): Promise<KnownBlock[]> {
  if (!deps.jobActions) return [];
  try {
    const [job] = await jobsNamed(deps.client, jobName, 2);
    if (!job) return [];
    const offered = (['start', 'stop'] as const).filter((a) => job.actions[a] !== undefined);
    return jobActionBlocks(job.name, offered);
  } catch (error) {
    deps.logger.warn({ job: jobName, err: String(error) }, 'could not read the job’s action links');
    return [];
  }
}

/**
 * `/veeam retry|start|stop <job>`: in Slack (a trigger_id came with it) the confirmation modal at once; elsewhere
 * the job's button for that action, whose click asks (the console's y/N prompt). Either way the operator check
 * and the token are the same as on alerts.
 */
export function jobActionCommand(action: JobAction): CommandHandler {
  return async (rest, context, deps): Promise<SlackMessage> => {
    if (!deps.jobActions) return buildErrorView('Job actions are off here (JOB_ACTIONS=off).');
    const name = unquote(rest);
    if (!name) throw new UsageError(`Which job? Try \`/veeam ${action} Fileserver Backup\``);
    const resolved = await resolveName(name, ['job'], action, deps);
    if ('suggestions' in resolved) return resolved.suggestions;
    const [job] = await jobsNamed(deps.client, resolved.entry.name, 2);
    if (!job) return buildErrorView(`No job named "${resolved.entry.name}".`);
    if (!job.actions[action]) return buildErrorView(`The job "${job.name}" offers no ${action} action.`);
    if (context.modal) return confirmDirectly({ ...context, action, jobName: job.name }, context.modal, deps);
    const line = `${ACTION_LABEL[action]} ${boldName(truncate(job.name, 200))}? The button asks you to confirm.`;
    return finishView(line, [section(line, 'job_action_offer'), ...jobActionBlocks(job.name, [action])]);
  };
}

/** Opens the confirmation modal for a command; the answer says so, or why not (not an operator, no such link). */
async function confirmDirectly(
  ask: ActionAsk,
  modal: NonNullable<CommandContext['modal']>,
  deps: CommandDeps,
): Promise<SlackMessage> {
  const answer = await prepareConfirmation(ask, deps);
  if ('reply' in answer) return answer.reply;
  await modal.open(answer.modal);
  await auditConfirmationAsked(ask, deps);
  const line = `${ACTION_LABEL[ask.action]} ${boldName(truncate(ask.jobName, 200))}: confirm in the dialog.`;
  return finishView(line, [section(line, 'job_action_asked')]);
}
