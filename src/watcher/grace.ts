import { ErrorCode, isAppError } from '../shared/errors.js';
import { subjectOfCdpTask, subjectOfSession, type AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import type { PollContext } from './poll-context.js';
import { firstSuccesses } from './recovery.js';
import type { AlertRecord } from './state.js';

/**
 * ALERT_RETRY_GRACE: a held Failed alert is dropped when a later session of its job succeeded, and released
 * for posting once its hold ends. Released ones are fetched again from EM by their Href.
 */
export async function resolveHeld(ctx: PollContext): Promise<PlannedAlert[]> {
  const held = Object.values(ctx.state.alerts).filter((r) => r.status === 'held');
  if (held.length === 0) return [];
  const successes = await firstSuccesses(
    ctx.em,
    held.map((record) => ({ job: record.job, afterMs: record.endedAt })),
  );
  const released: PlannedAlert[] = [];
  for (const [index, record] of held.entries()) {
    if (successes[index]) {
      record.status = 'dropped';
      ctx.logger.info({ uid: record.uid }, 'a retry succeeded within ALERT_RETRY_GRACE; alert dropped');
    } else if ((record.holdUntil ?? 0) <= ctx.now()) {
      const subject = await fetchSubject(record, ctx);
      delete record.holdUntil;
      if (subject) {
        record.status = 'pending';
        released.push({ subject, record });
      } else {
        // Held records are never pruned: one whose session is gone must not stay held for ever.
        record.status = 'dropped';
        ctx.logger.warn(
          { uid: record.uid },
          'a held alert’s session is gone from Enterprise Manager; dropped',
        );
      }
    }
  }
  return released;
}

/** Fetches a recorded alert's session again; undefined when EM no longer has it. */
export async function fetchSubject(
  record: AlertRecord,
  ctx: Pick<PollContext, 'em'>,
): Promise<AlertSubject | undefined> {
  const document = await ctx.em.get(record.href).catch((error: unknown) => {
    // Gone is an answer, not an outage: EM is up and no longer has the session.
    if (isAppError(error, ErrorCode.EmNotFound)) return undefined;
    throw error;
  });
  if (!document) return undefined;
  if (document.kind === 'session') return subjectOfSession(document.session);
  if (document.kind === 'task') return subjectOfCdpTask(document.task);
  return undefined;
}
