import { jobAt } from '../../em/estate.js';
import { JobActionError, runAction, waitForTask } from '../../em/job-actions.js';
import { toAppError } from '../../shared/errors.js';
import type { ActionLock } from '../../store/action-ledger.js';
import { boldName, escapeMrkdwn } from '../../views/format/escape-mrkdwn.js';
import { truncate } from '../../views/format/truncate.js';
import type { ChatPort } from '../../watcher/chat-port.js';
import type { CommandDeps } from '../types.js';
import type { ActionClaims, TokenRefusal } from './action-token.js';
import { auditAction } from './audit.js';
import { DEFAULT_FOLLOW_LIMITS, followActionSession } from './follow-action.js';

/** How long the bot waits for EM to finish an action's task. */
const TASK_WAIT_MS = 10 * 60_000;
/** How long a job's in-progress mark holds: the task's wait and a margin; a crashed holder's mark then lapses. */
export const ACTION_LOCK_TTL_MS = TASK_WAIT_MS + 60_000;

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
  const refuse = async (why: keyof typeof REFUSAL_LINE, claims?: ActionClaims): Promise<SubmissionCheck> => {
    const step = {
      user: submitter,
      job: claims?.jobName ?? '',
      action: claims?.action ?? '',
      ...(claims?.incident ? { incident: claims.incident } : {}),
    };
    await auditAction(deps, { ...step, outcome: `refused_${why}` }, 'job action confirmation');
    return { ok: false, line: REFUSAL_LINE[why] };
  };
  if (!jobActions) return refuse('off');
  const redeemed = jobActions.tokens.redeem(token, submitter, deps.clock.now());
  if (!redeemed.ok) return refuse(redeemed.refusal);
  const { claims } = redeemed;
  if (!(await jobActions.operators.isOperator(submitter))) return refuse('not_operator', claims);
  // The process's own memory caught a replay here; the store catches one after a restart or on another replica.
  if (!(await jobActions.spendToken(claims.nonce, claims.expiresAt, deps.clock.now())))
    return refuse('replayed', claims);
  return { ok: true, claims };
}

/**
 * Runs a confirmed action once per job at a time (the ledger's mark, shared by replicas): "<action> requested
 * by <name>" in the thread, EM's answer in one line once its task finished (accepted, or EM's refusal), then the session
 * it started followed to its result. A second confirmation while the task runs points to the running one.
 */
export async function runConfirmedAction(
  claims: ActionClaims,
  userName: string,
  deps: CommandDeps,
  chat: ChatPort,
): Promise<void> {
  const jobActions = deps.jobActions;
  if (!jobActions) return;
  const where = { channel: claims.channel, ...(claims.threadTs ? { threadTs: claims.threadTs } : {}) };
  const say = (line: string) => chat.post({ ...where, text: line });
  const audit = (outcome: string, detail?: string, log?: Record<string, unknown>) =>
    auditAction(deps, {
      user: claims.user,
      job: claims.jobName,
      action: claims.action,
      outcome,
      ...(detail ? { detail } : {}),
      ...(claims.incident ? { incident: claims.incident } : {}),
      ...(log ? { log } : {}),
    });
  const now = deps.clock.now();
  const lock: ActionLock = {
    jobUid: claims.jobUid,
    jobName: claims.jobName,
    action: claims.action,
    user: claims.user,
    ...where,
    nonce: claims.nonce,
    at: now,
    expiresAt: now + ACTION_LOCK_TTL_MS,
  };
  const busy = await jobActions.ledger.begin(lock, now);
  if (busy) {
    await audit('refused_in_progress');
    await say(await inProgressLine(busy, chat, deps));
    return;
  }
  const job = boldName(truncate(claims.jobName, 200));
  await audit('confirmed');
  let accepted: { sessionHref: string | undefined } | undefined;
  try {
    const posted = await say(
      `:arrows_counterclockwise: ${claims.action} of ${job} requested by ${escapeMrkdwn(userName)}`,
    );
    await jobActions.ledger.begin({ ...lock, ts: posted.ts }, deps.clock.now());
    const task = await runAction(deps.client, await jobAt(deps.client, claims.jobHref), claims.action);
    await audit('task_created', task.taskId);
    // EM may refuse through the task itself (docs/em-protocol.md, "Refused job actions"): report its outcome only.
    const outcome = await waitForTask(deps.client, task.href, {
      timeoutMs: TASK_WAIT_MS,
      clock: deps.clock,
      ...(jobActions.sleep ? { sleep: jobActions.sleep } : {}),
    });
    await audit(outcome.success ? 'accepted' : 'refused_task', outcome.message);
    if (!outcome.success) await say(refusalLine(claims.action, outcome.message ?? 'no reason given'));
    else {
      await say(acceptedLine(claims.action, task.taskId, outcome.message));
      accepted = { sessionHref: outcome.sessionHref };
    }
  } catch (error) {
    const line =
      error instanceof JobActionError ? (error.emMessage ?? error.message) : toAppError(error).userMessage;
    const outcome = error instanceof JobActionError ? `refused_${error.reason}` : 'failed';
    await audit(outcome, line.split('\n')[0], { err: String(error) });
    await say(refusalLine(claims.action, line));
  } finally {
    await jobActions.ledger.end(claims.jobUid, claims.nonce);
  }
  if (accepted) await follow(claims, accepted.sessionHref, now, deps, chat, audit);
}

/** Follows the started session to its result and audits how that ended; an EM error ends the follow in one line. */
async function follow(
  claims: ActionClaims,
  sessionHref: string | undefined,
  requestedAt: number,
  deps: CommandDeps,
  chat: ChatPort,
  audit: (outcome: string, detail?: string, log?: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const jobActions = deps.jobActions!;
  const skew = safeSkew(deps);
  const target = {
    jobUid: claims.jobUid,
    jobName: claims.jobName,
    action: claims.action,
    channel: claims.channel,
    ...(claims.threadTs ? { threadTs: claims.threadTs } : {}),
    ...(sessionHref ? { sessionHref } : {}),
    requestedAt: requestedAt + skew,
  };
  try {
    const outcome = await followActionSession(target, {
      client: deps.client,
      chat,
      clock: deps.clock,
      sleep: jobActions.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      logger: deps.logger,
      limits: jobActions.followLimits ?? DEFAULT_FOLLOW_LIMITS,
    });
    await audit(
      outcome.kind === 'finished' ? 'session_finished' : `follow_${outcome.kind}`,
      outcome.kind === 'finished' ? outcome.result : undefined,
    );
  } catch (error) {
    await audit('follow_failed', undefined, { err: String(error) });
    const where = { channel: claims.channel, ...(claims.threadTs ? { threadTs: claims.threadTs } : {}) };
    await chat.post({
      ...where,
      text: `:warning: stopped following the ${claims.action}: ${escapeMrkdwn(truncate(toAppError(error).userMessage, 300))}`,
    });
  }
}

/** EM's clock minus ours, as the watcher last measured it (docs/em-protocol.md, "The server's clock"). */
function safeSkew(deps: CommandDeps): number {
  try {
    return deps.watcher?.state().emSkewMs ?? 0;
  } catch (error) {
    void error; // No watcher bound: assume the clocks agree.
    return 0;
  }
}

function acceptedLine(action: string, taskId: string, message: string | undefined): string {
  const said = message ? `: ${escapeMrkdwn(truncate(message.split('\n')[0] ?? '', 300))}` : '';
  return `:white_check_mark: Enterprise Manager accepted the ${action} (task ${escapeMrkdwn(taskId)})${said}`;
}

function refusalLine(action: string, message: string): string {
  const line = message.split('\n')[0] ?? '';
  return `:no_entry: Enterprise Manager did not ${action} the job: ${escapeMrkdwn(truncate(line, 300))}`;
}

/** The answer to a second confirmation: a link to the running one's message, or where it is when Slack gives none. */
async function inProgressLine(busy: ActionLock, chat: ChatPort, deps: CommandDeps): Promise<string> {
  const message = busy.ts ?? busy.threadTs;
  const link =
    message && chat.permalink
      ? await chat.permalink(busy.channel, message).catch((error: unknown) => {
          deps.logger.warn({ err: String(error) }, 'no link to the running job action');
          return undefined;
        })
      : undefined;
  // No mention of who asked: a refusal line must not ping them.
  const where = link
    ? `<${link}|see the running one>`
    : `in <#${busy.channel}>${message ? `, message ${message}` : ''}`;
  return `:hourglass: a ${busy.action} of this job is already in progress (${where}); not started again.`;
}
