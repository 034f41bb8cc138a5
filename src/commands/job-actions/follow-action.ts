import type { EmClient } from '../../em/client.js';
import type { JobAction } from '../../em/job-actions.js';
import { latestSessionsOf } from '../../em/lookups.js';
import type { Session } from '../../em/types.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { escapeMrkdwn, boldName } from '../../views/format/escape-mrkdwn.js';
import { resultEmoji, resultLabel } from '../../views/format/result-emoji.js';
import { truncate } from '../../views/format/truncate.js';
import { buildSessionView } from '../../views/session-view.js';
import type { ChatPort } from '../../watcher/chat-port.js';
import { hasStopped, progressSignature, updateLiveMessage } from '../../watcher/live-message.js';

/** How often the follower reads the session, and how long it follows one at most. */
export interface FollowLimits {
  intervalMs: number;
  maxWaitMs: number;
}

/** Every 5 s for at most 3 h: long enough for most runs; the alert's recovery covers longer ones. */
export const DEFAULT_FOLLOW_LIMITS: FollowLimits = { intervalMs: 5_000, maxWaitMs: 3 * 3_600_000 };

/** What the follower needs; `sleep` waits on the same clock (tests step it). */
export interface FollowDeps {
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  limits: FollowLimits;
}

/** The action whose session is followed, and where it is reported. */
export interface FollowTarget {
  jobUid: string;
  jobName: string;
  action: JobAction;
  channel: string;
  threadTs?: string;
  /** The task's `Related` link (docs/em-protocol.md, "Tasks of job actions"), when EM gave one. */
  sessionHref?: string;
  /** When the action was requested, on EM's clock (ms): a session started before it is not this action's. */
  requestedAt: number;
}

/** How the follow ended: the session's result, or why it stopped following. */
export type FollowOutcome =
  { kind: 'finished'; result: string } | { kind: 'not_found' } | { kind: 'timed_out' } | { kind: 'gone' };

/**
 * Follows the session an action started: one live message in the thread, updated in place when its state,
 * result or progress changes, then one line with the result. Gives up with one line after `maxWaitMs`.
 */
export async function followActionSession(target: FollowTarget, deps: FollowDeps): Promise<FollowOutcome> {
  const deadline = deps.clock.now() + deps.limits.maxWaitMs;
  const where = { channel: target.channel, ...(target.threadTs ? { threadTs: target.threadTs } : {}) };
  const job = boldName(truncate(target.jobName, 200));
  let session = await findSession(target, deps);
  while (!session && deps.clock.now() < deadline) {
    await deps.sleep(deps.limits.intervalMs);
    session = await findSession(target, deps);
  }
  if (!session) {
    await deps.chat.post({
      ...where,
      text: `:grey_question: no session of ${job} showed up after the ${target.action}; see \`/veeam status ${escapeMrkdwn(truncate(target.jobName, 200))}\`.`,
    });
    return { kind: 'not_found' };
  }
  const live = await deps.chat.post({
    ...where,
    ...buildSessionView(session, { now: new Date(deps.clock.now()) }),
  });
  let shown = progressSignature(session);
  while (!hasStopped(session)) {
    if (deps.clock.now() >= deadline) {
      const minutes = Math.round(deps.limits.maxWaitMs / 60_000);
      await deps.chat.post({
        ...where,
        text: `:hourglass: stopped following the ${target.action} of ${job} after ${minutes} min; it is still running.`,
      });
      return { kind: 'timed_out' };
    }
    await deps.sleep(deps.limits.intervalMs);
    // A failed read (EM busy, a blip) keeps what was shown; the deadline still bounds the follow.
    session = (await sessionAt(deps.client, session.href).catch(logged(deps))) ?? session;
    if (progressSignature(session) === shown && !hasStopped(session)) continue;
    shown = progressSignature(session);
    const view = buildSessionView(session, { now: new Date(deps.clock.now()) });
    if (
      (await updateLiveMessage(deps.chat, { channel: live.channel, ts: live.ts, ...view }, deps.logger)) ===
      'gone'
    )
      return { kind: 'gone' };
  }
  const failure = session.failureMessage?.trim().split('\n')[0];
  await deps.chat.post({
    ...where,
    text: `${resultEmoji(session)} the ${target.action} of ${job} finished: ${escapeMrkdwn(resultLabel(session))}${failure ? ` (${escapeMrkdwn(truncate(failure, 300))})` : ''}`,
  });
  return { kind: 'finished', result: session.result };
}

/** The action's session: the task's Related link, else the job's newest session started at/after the request. */
async function findSession(target: FollowTarget, deps: FollowDeps): Promise<Session | undefined> {
  if (target.sessionHref) return sessionAt(deps.client, target.sessionHref).catch(logged(deps));
  const owner = { uid: target.jobUid };
  const newest = [
    ...((await latestSessionsOf(deps.client, 'BackupJobSession', owner, 1).catch(logged(deps))) ?? []),
    ...((await latestSessionsOf(deps.client, 'ReplicaJobSession', owner, 1).catch(logged(deps))) ?? []),
  ].filter((s) => (s.creationTime?.getTime() ?? 0) >= target.requestedAt);
  return newest.sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0))[0];
}

const logged =
  (deps: FollowDeps) =>
  (error: unknown): undefined => {
    deps.logger.warn({ err: String(error) }, 'could not read the session of a job action');
    return undefined;
  };

async function sessionAt(client: EmClient, href: string): Promise<Session | undefined> {
  const document = await client.get(href);
  return document.kind === 'session' ? document.session : undefined;
}
