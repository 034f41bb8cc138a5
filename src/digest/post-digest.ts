import { SlackApiError } from '../shared/errors.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import type { PollContext } from '../watcher/poll-context.js';
import { postRecorded } from '../watcher/post-recorded.js';
import type { DigestRecord } from '../watcher/state.js';
import { digestKey, digestMessageKey, type DigestDue } from './digest-due.js';

/** Which chart: the 7-day trend, or repository usage (only when repositories exist). */
export type ChartKey = 'trend' | 'repositories';

/** One rendered chart of a digest, with what its upload is named and described by. */
export interface PreparedChart {
  key: ChartKey;
  png: Buffer;
  altText: string;
  filename: string;
  title: string;
}

/** A digest ready to post: the message (without its images) and, when rendered, its charts (the trend first). */
export interface PreparedDigest {
  message: SlackMessage;
  /** Builds the message again with the uploaded charts' file ids in image blocks. */
  withCharts?: (fileIds: Partial<Record<ChartKey, string>>) => SlackMessage;
  charts?: PreparedChart[];
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
  if (prepared.charts?.length) await attachCharts(ctx, channel, posted.ts, prepared);
  return true;
}

/**
 * Uploads each chart privately (the external flow, one after the other) and shows them in the digest as image
 * blocks (one chat.update); if Slack refuses the blocks, the charts are shared into the digest's thread instead.
 * A failed upload leaves the digest without that picture: its text and blocks carry the same numbers.
 */
export async function attachCharts(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  channel: string,
  ts: string,
  prepared: PreparedDigest,
): Promise<void> {
  const { charts = [], withCharts } = prepared;
  if (charts.length === 0 || !ctx.chat.uploadFile) return;
  const fileIds: Partial<Record<ChartKey, string>> = {};
  for (const chart of charts) {
    const uploaded = await tryUpload(ctx, channel, chart);
    // The console shows a chart by writing it: nothing to put in the message.
    if (uploaded && !uploaded.shownByChat) fileIds[chart.key] = uploaded.fileId;
  }
  const uploaded = charts.filter((c) => fileIds[c.key] !== undefined);
  if (uploaded.length === 0) return;
  if (withCharts) {
    try {
      await ctx.chat.update({ channel, ts, ...withCharts(fileIds) });
      return;
    } catch (error) {
      if (!(error instanceof SlackApiError)) {
        ctx.logger.error({ channel, err: String(error) }, 'could not show the digest charts');
        return;
      }
      ctx.logger.warn(
        { channel, code: error.slackCode },
        'Slack refused the chart blocks; sharing them in the thread',
      );
    }
  }
  for (const chart of uploaded) await tryUpload(ctx, channel, chart, ts);
}

/** One chart through the chat's upload (shared into `threadTs` when given); undefined, logged, when it fails. */
async function tryUpload(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  channel: string,
  chart: PreparedChart,
  threadTs?: string,
): Promise<{ fileId: string; shownByChat?: boolean } | undefined> {
  const file = { filename: chart.filename, title: chart.title, altText: chart.altText, bytes: chart.png };
  try {
    return await ctx.chat.uploadFile!(threadTs ? { ...file, channel, threadTs } : file);
  } catch (error) {
    ctx.logger.error({ channel, chart: chart.key, err: String(error) }, 'could not upload a digest chart');
    return undefined;
  }
}
