import type { AppError } from '../shared/errors.js';
import { buildOutageRecoveredView, buildOutageView } from '../views/outage-view.js';
import type { PollContext } from './poll-context.js';

/**
 * A poll failed: log one line when the outage starts (not one per poll) and post one notice to
 * ALERT_CHANNEL once it has lasted OUTAGE_NOTICE_AFTER. The cursor stays where it was.
 */
export async function noteOutage(ctx: PollContext, error: AppError | Error): Promise<void> {
  const now = ctx.now();
  const outage = ctx.state.outage;
  const text = 'userMessage' in error ? `${error.userMessage} (${error.message})` : error.message;
  if (outage.since === null) {
    outage.since = now;
    outage.noticePosted = false;
    ctx.logger.warn(
      { err: error.message },
      'Enterprise Manager is unreachable; the watcher keeps its place and retries every poll',
    );
  }
  outage.lastError = text;
  const channel = ctx.config.alertChannel;
  if (!outage.noticePosted && channel && now - outage.since >= ctx.config.outageNoticeAfterMs) {
    await ctx.chat.post({ channel, ...buildOutageView({ since: new Date(outage.since), lastError: text }) });
    outage.noticePosted = true;
  }
  await ctx.save();
}

/** A poll succeeded: if an outage was on, log its end and, if its notice went out, post the recovery. */
export async function noteReachable(ctx: PollContext): Promise<void> {
  const { state } = ctx;
  const outage = state.outage;
  if (outage.since === null) return;
  const since = outage.since;
  const now = ctx.now();
  ctx.logger.info({ downMs: now - since }, 'Enterprise Manager is reachable again');
  const channel = ctx.config.alertChannel;
  if (outage.noticePosted && channel) {
    await ctx.chat.post({
      channel,
      ...buildOutageRecoveredView({ since: new Date(since), until: new Date(now) }),
    });
  }
  state.outage = { since: null, lastError: null, noticePosted: false };
  await ctx.save();
}
