import type { SlackApiError } from '../shared/errors.js';
import { buildBrokenChannelView } from '../views/broken-channel-view.js';
import type { PollContext } from './poll-context.js';
import { describeSubscription } from './describe-rule.js';
import type { AlertRecord } from './state.js';

const TOKEN_CODES = new Set(['invalid_auth', 'token_revoked', 'account_inactive']);

/** What to do when Slack refuses `channel` with `slackCode` for good, as one line for the log and the notice. */
export function brokenChannelFix(slackCode: string, channel: string): string {
  if (TOKEN_CODES.has(slackCode))
    return 'the bot token no longer works: reinstall the Slack app and set the new SLACK_BOT_TOKEN';
  if (slackCode === 'is_archived')
    return `unarchive ${channel}, or point ALERT_CHANNEL / the subscription at another channel`;
  return `/invite the bot to ${channel}, or fix ALERT_CHANNEL / the subscription`;
}

/**
 * Slack refused `channel` for good: its pending records are marked failed (not retried for a day) and the
 * channel is reported once per episode: an error line in the log, and a notice in ALERT_CHANNEL unless that
 * is the broken channel (then the log alone says so). A subscription's channel falls back to ALERT_CHANNEL:
 * each failed alert not already there gets a pending record for it, returned so the caller can post it in the
 * same poll (anything it does not post is settled by the next poll).
 */
export async function failChannel(
  ctx: PollContext,
  channel: string,
  records: AlertRecord[],
  error: SlackApiError,
): Promise<AlertRecord[]> {
  const failed = records.filter((r) => r.status === 'pending');
  for (const record of failed) record.status = 'failed';
  const moved = fallBack(ctx, channel, failed);
  const fix = brokenChannelFix(error.slackCode, channel);
  if (ctx.state.brokenChannels[channel]) {
    ctx.logger.warn(
      { channel, slackCode: error.slackCode, failed: failed.length, fix },
      'alerts marked failed: Slack still refuses the channel',
    );
    await ctx.save();
    return moved;
  }
  ctx.state.brokenChannels[channel] = { since: ctx.now(), slackCode: error.slackCode };
  const isAlertChannel = channel === ctx.config.alertChannel;
  ctx.logger.error(
    { channel, slackCode: error.slackCode, failed: failed.length, fix },
    `Slack refuses ${isAlertChannel ? 'ALERT_CHANNEL ' : ''}${channel} (${error.slackCode}); its alerts are marked failed. Fix: ${fix}`,
  );
  await ctx.save();
  if (!isAlertChannel && ctx.config.alertChannel)
    await postNotice(ctx, ctx.config.alertChannel, channel, error);
  return moved;
}

/** Re-routes a broken subscription channel's alerts to ALERT_CHANNEL (pending there, unless already known). */
function fallBack(ctx: PollContext, channel: string, failed: AlertRecord[]): AlertRecord[] {
  const to = ctx.config.alertChannel;
  if (!to || channel === to) return [];
  const moved: AlertRecord[] = [];
  for (const record of failed) {
    const key = `${record.uid}|${to}`;
    if (ctx.state.alerts[key]) continue;
    const { threadTs: _thread, batch: _batch, ts: _ts, ...rest } = record;
    const fallback: AlertRecord = { ...rest, key, channel: to, status: 'pending', decidedAt: ctx.now() };
    ctx.state.alerts[key] = fallback;
    moved.push(fallback);
  }
  return moved;
}

async function postNotice(ctx: PollContext, to: string, channel: string, error: SlackApiError) {
  const subscriptions = ctx.state.subscriptions
    .filter((s) => s.channel === channel)
    .map((s) => describeSubscription(s));
  const notice = buildBrokenChannelView({
    channel,
    slackCode: error.slackCode,
    fix: brokenChannelFix(error.slackCode, 'that channel'),
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
  });
  try {
    await ctx.chat.post({ channel: to, ...notice });
  } catch (noticeError) {
    // The log line above already names the channel and the fix; the notice is a courtesy.
    ctx.logger.error({ channel: to, err: String(noticeError) }, 'could not post the broken-channel notice');
  }
}

/** A post to `channel` went through: a broken episode, if one was on, is over (the next one is reported again). */
export function channelWorks(ctx: PollContext, channel: string): void {
  if (!ctx.state.brokenChannels[channel]) return;
  delete ctx.state.brokenChannels[channel];
  ctx.logger.info({ channel }, 'Slack accepts posts to the channel again');
}
