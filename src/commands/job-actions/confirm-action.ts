import { jobAt } from '../../em/estate.js';
import { JobActionError, runAction, waitForTask } from '../../em/job-actions.js';
import { toAppError } from '../../shared/errors.js';
import { escapeMrkdwn } from '../../views/format/escape-mrkdwn.js';
import { truncate } from '../../views/format/truncate.js';
import type { ChatPort } from '../../watcher/chat-port.js';
import type { CommandDeps } from '../types.js';
import type { ActionClaims, TokenRefusal } from './action-token.js';

/** How long the bot waits for EM to finish an action's task. */
const TASK_WAIT_MS = 10 * 60_000;

const REFUSAL_LINE: Record<TokenRefusal | 'not_operator' | 'off', string> = {
  forged: 'This confirmation is not one of ours; nothing was done.',
  expired: 'This confirmation expired (5 minutes); nothing was done. Click the button again.',
  other_user: 'This confirmation belongs to someone else; nothing was done.',
  replayed: 'This confirmation was already used; nothing was done again.',
  not_operator: 'You are no longer an operator; nothing was done.',
  off: 'Job actions are off here; nothing was done.',
};

/** A checked submission: the claims to act on, or the one line that says why nothing happens. */
export type SubmissionCheck = { ok: true; claims: ActionClaims } | { ok: false; line: string };

/** Checks a modal submission: token (signature, user, expiry, replay), then the operator list as it is now. */
export async function checkSubmission(
  token: string,
  submitter: string,
  deps: CommandDeps,
): Promise<SubmissionCheck> {
  const jobActions = deps.jobActions;
  const refuse = (why: keyof typeof REFUSAL_LINE): SubmissionCheck => {
    deps.logger.info({ audit: true, user: submitter, outcome: `refused_${why}` }, 'job action confirmation');
    return { ok: false, line: REFUSAL_LINE[why] };
  };
  if (!jobActions) return refuse('off');
  const redeemed = jobActions.tokens.redeem(token, submitter, deps.clock.now());
  if (!redeemed.ok) return refuse(redeemed.refusal);
  if (!(await jobActions.operators.isOperator(submitter))) return refuse('not_operator');
  return { ok: true, claims: redeemed.claims };
}

/**
 * Runs a confirmed action once per job at a time: "<action> requested by <name>" in the thread, then EM's
 * answer in one line (accepted with its task, or EM's refusal). A second confirmation while one runs points to it.
 */
export async function runConfirmedAction(
  claims: ActionClaims,
  userName: string,
  deps: CommandDeps,
  chat: ChatPort,
): Promise<void> {
  const running = deps.jobActions?.running;
  if (!running) return;
  const where = { channel: claims.channel, ...(claims.threadTs ? { threadTs: claims.threadTs } : {}) };
  const say = (line: string) => chat.post({ ...where, text: line });
  const audit = (outcome: string, extra: Record<string, unknown> = {}) =>
    deps.logger.info(
      { audit: true, user: claims.user, job: claims.jobName, action: claims.action, outcome, ...extra },
      'job action',
    );
  const busy = running.get(claims.jobUid);
  if (busy) {
    audit('refused_in_progress');
    await say(
      `:hourglass: a ${busy.action} of this job is already in progress (message ${busy.ts}); not started again.`,
    );
    return;
  }
  const job = escapeMrkdwn(truncate(claims.jobName, 200));
  // Marked before the first await, so a second confirmation arriving meanwhile never starts the job again.
  const entry = { channel: claims.channel, ts: '', action: claims.action };
  running.set(claims.jobUid, entry);
  audit('confirmed');
  try {
    entry.ts = (
      await say(
        `:arrows_counterclockwise: ${claims.action} of *${job}* requested by ${escapeMrkdwn(userName)}`,
      )
    ).ts;
    const task = await runAction(deps.client, await jobAt(deps.client, claims.jobHref), claims.action);
    audit('accepted', { task: task.taskId });
    await say(
      `:white_check_mark: Enterprise Manager accepted the ${claims.action} (task ${escapeMrkdwn(task.taskId)}).`,
    );
    const outcome = await waitForTask(deps.client, task.href, { timeoutMs: TASK_WAIT_MS, clock: deps.clock });
    audit(outcome.success ? 'task_succeeded' : 'task_failed', { message: outcome.message });
    await say(
      outcome.success
        ? `:white_check_mark: the ${claims.action} is under way${outcome.message ? `: ${escapeMrkdwn(truncate(outcome.message, 300))}` : ''}.`
        : `:no_entry: Enterprise Manager did not ${claims.action} the job: ${escapeMrkdwn(truncate(outcome.message ?? 'no reason given', 300))}`,
    );
  } catch (error) {
    const line =
      error instanceof JobActionError ? (error.emMessage ?? error.message) : toAppError(error).userMessage;
    audit(error instanceof JobActionError ? `refused_${error.reason}` : 'failed', { err: String(error) });
    await say(
      `:no_entry: Enterprise Manager did not ${claims.action} the job: ${escapeMrkdwn(truncate(line.split('\n')[0] ?? '', 300))}`,
    );
  } finally {
    running.delete(claims.jobUid);
  }
}
