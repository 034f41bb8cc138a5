import { SlackApiError } from '../shared/errors.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import type { PollContext } from '../watcher/poll-context.js';
import { postRecorded } from '../watcher/post-recorded.js';
import type { DigestRecord } from '../watcher/state.js';
import { digestKey, digestMessageKey, type DigestDue } from './digest-due.js';

/** A digest ready to post: the message (without its image) and, when rendered, the chart. */
export interface PreparedDigest {
  message: SlackMessage;
  /** Builds the message again with the uploaded chart's file id in an image block. */
  withChart?: (fileId: string) => SlackMessage;
  chart?: { png: Buffer; altText: string; filename: string };
}

/** How far before the decision the channel history is read for a pending digest. */
const HISTORY_MARGIN_MS = 5 * 60_000;

/**
 * Posts one channel's digest exactly once for its date: the record is pending on disk before the post and sent
 * after it (postRecorded); a pending record found at the next start is settled from the channel history by the
 * message's metadata. Returns whether a message was posted now.
 */
export async function postDigest(
  ctx: Pick<PollContext, 'chat' | 'save' | 'state' | 'now' | 'logger'>,
  channel: string,
  due: DigestDue,
  prepare: () => Promise<PreparedDigest>,
): Promise<boolean> {
  const digests = (ctx.state.digests ??= {});
  const key = digestKey(channel, due.date);
  const metadataKey = digestMessageKey(due.date);
  if (due.settle) {
    const found = await ctx.chat.findPosted(channel, new Set([metadataKey]), {
      sinceMs: (digests[key]?.decidedAt ?? ctx.now()) - HISTORY_MARGIN_MS,
    });
    const ts = found.get(metadataKey);
    if (ts) {
      digests[key] = { ...(digests[key] as DigestRecord), status: 'sent', ts };
      await ctx.save();
      return false;
    }
  }
  const prepared = await prepare();
  const record: DigestRecord = {
    channel,
    date: due.date,
    status: 'pending',
    decidedAt: ctx.now(),
    late: due.late,
  };
  const posted = await postRecorded(
    ctx,
    { channel, ...prepared.message, metadata: { eventType: 'veeam_alert', key: metadataKey } },
    {
      pending: () => (digests[key] = record),
      sent: (ts) => (digests[key] = { ...record, status: 'sent', ts }),
    },
  );
  if (prepared.chart) await attachChart(ctx, channel, posted.ts, prepared);
  return true;
}

/**
 * Uploads the chart privately and shows it in the digest as an image block (a chat.update); if Slack refuses the
 * block, the chart is shared into the digest's thread instead. A failed upload leaves the digest without its
 * picture: its text and blocks carry the same numbers.
 */
export async function attachChart(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  channel: string,
  ts: string,
  prepared: PreparedDigest,
): Promise<void> {
  const { chart, withChart } = prepared;
  if (!chart || !ctx.chat.uploadFile) return;
  const file = {
    filename: chart.filename,
    title: 'Sessions per day',
    altText: chart.altText,
    bytes: chart.png,
  };
  try {
    const { fileId, shownByChat } = await ctx.chat.uploadFile(file);
    if (shownByChat) return;
    if (withChart) {
      try {
        await ctx.chat.update({ channel, ts, ...withChart(fileId) });
        return;
      } catch (error) {
        if (!(error instanceof SlackApiError)) throw error;
        ctx.logger.warn(
          { channel, code: error.slackCode },
          'Slack refused the chart block; sharing it in the thread',
        );
      }
    }
    await ctx.chat.uploadFile({ ...file, channel, threadTs: ts });
  } catch (error) {
    ctx.logger.error({ channel, err: String(error) }, 'could not upload the digest chart');
  }
}
