import type { CloudFailoverSession } from '../em/types.js';
import { ErrorCode, isAppError } from '../shared/errors.js';
import { claimShown, withClaimControls, type ClaimControls } from '../views/claim-controls.js';
import { buildFailoverAnnouncementView } from '../views/failover-announcement-view.js';
import { buildFailoverView } from '../views/failover-view.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { hasStopped } from './live-message.js';
import type { PollContext } from './poll-context.js';
import type { FailoverRecord } from './state.js';

/**
 * What a failover message shows now: a followed message the live view it was posted with; an announcement its
 * own view with the Claim button and the claim line, until the failover succeeds (no button then). Pure: the
 * caller clears a succeeded failover's claim.
 */
export function failoverMessage(
  key: string,
  record: Pick<FailoverRecord, 'followed' | 'claim'>,
  session: CloudFailoverSession,
  now: Date,
): SlackMessage {
  if (record.followed)
    return buildFailoverView([session], { following: true, now, title: `Cloud failover: ${session.name}` });
  const succeeded = hasStopped(session) && session.result === 'Success';
  return withClaimControls(
    buildFailoverAnnouncementView(session, { now }),
    succeeded ? undefined : failoverControls(key, record),
  );
}

/** An announcement's Claim button (its value is the record's key) and its claim line. */
export function failoverControls(key: string, record: Pick<FailoverRecord, 'claim'>): ClaimControls {
  const { claim } = record;
  return { value: key, ...claimShown(claim) };
}

/** A claim changed: the announcement shows it (read again from EM); false when EM or Slack cannot. */
export async function refreshFailoverClaim(ctx: PollContext, key: string): Promise<boolean> {
  const record = ctx.state.failovers[key];
  if (!record?.ts || record.followed) return false;
  const document = await ctx.em.get(record.href).catch((error: unknown) => {
    if (isAppError(error, ErrorCode.EmNotFound)) return undefined;
    throw error;
  });
  if (document?.kind !== 'session' || document.session.kind !== 'CloudFailoverSession') return false;
  const message = failoverMessage(key, record, document.session, new Date(ctx.now()));
  try {
    await ctx.chat.update({ channel: record.channel, ts: record.ts, ...message });
    return true;
  } catch (error) {
    ctx.logger.warn({ channel: record.channel, err: String(error) }, 'could not show a claim on a failover');
    return false;
  }
}
