import { SlackApiError } from '../shared/errors.js';
import { failChannel } from './broken-channels.js';
import type { PlannedAlert } from './decide.js';
import { fetchSubject } from './grace.js';
import type { PollContext } from './poll-context.js';
import type { AlertRecord } from './state.js';

/** How far before a pending record's decision the channel history is read (clock skew, slow posts). */
const HISTORY_MARGIN_MS = 5 * 60_000;

/**
 * Settles alerts left pending by a crash or a failed post: the channel history (message metadata) says
 * whether each went out; found ones become sent, the others are fetched again and returned for posting.
 * Failover announcements left without a ts are settled the same way.
 */
export async function settlePending(ctx: PollContext): Promise<PlannedAlert[]> {
  const pending = Object.values(ctx.state.alerts).filter((r) => r.status === 'pending' && !expired(r, ctx));
  const replan: PlannedAlert[] = [];
  for (const group of groupForLookup(pending)) {
    const found = await findInHistory(group, ctx);
    if (!found) continue;
    for (const record of group.records) {
      const ts = found.get(record.batch ?? record.uid);
      if (ts) {
        record.status = 'sent';
        record.ts = ts;
        continue;
      }
      const planned = await replanRecord(record, ctx);
      if (planned) replan.push(planned);
    }
  }
  await settleFailovers(ctx);
  if (pending.length > 0) {
    ctx.logger.info(
      { pending: pending.length, reposting: replan.length },
      'settled alerts left pending by the last run',
    );
    await ctx.save();
  }
  return replan;
}

/** Pending for longer than this: Slack has refused the channel for a day; give up loudly rather than grow. */
const MAX_PENDING_MS = 24 * 3_600_000;

function expired(record: AlertRecord, ctx: PollContext): boolean {
  if (ctx.now() - record.decidedAt < MAX_PENDING_MS) return false;
  record.status = 'dropped';
  ctx.logger.error(
    { uid: record.uid, channel: record.channel },
    'an alert could not be posted for a day; dropped',
  );
  return true;
}

/**
 * The keys of a group found in the channel history; undefined when Slack refuses: retried next poll, or,
 * when the refusal is final, the group's records marked failed and the channel reported.
 */
async function findInHistory(
  group: { channel: string; threadTs: string | undefined; records: AlertRecord[] },
  ctx: PollContext,
): Promise<Map<string, string> | undefined> {
  const keys = new Set(group.records.map((r) => r.batch ?? r.uid));
  const sinceMs = Math.min(...group.records.map((r) => r.decidedAt)) - HISTORY_MARGIN_MS;
  try {
    return await ctx.chat.findPosted(group.channel, keys, {
      sinceMs,
      ...(group.threadTs ? { threadTs: group.threadTs } : {}),
    });
  } catch (error) {
    if (error instanceof SlackApiError && error.isFinal) {
      await failChannel(ctx, group.channel, group.records, error);
      return undefined;
    }
    // Like deliver: one channel Slack refuses must not stop the others; its records stay pending.
    ctx.logger.error({ channel: group.channel, err: String(error) }, 'could not read the channel history');
    return undefined;
  }
}

async function replanRecord(record: AlertRecord, ctx: PollContext): Promise<PlannedAlert | undefined> {
  const subject = await fetchSubject(record, ctx);
  if (!subject) {
    record.status = 'dropped';
    ctx.logger.warn(
      { uid: record.uid },
      'a pending alert’s session is gone from Enterprise Manager; dropped',
    );
    return undefined;
  }
  // Posted afresh: whether it goes into a thread or a storm summary is decided again now.
  delete record.batch;
  delete record.threadTs;
  return { subject, record };
}

async function settleFailovers(ctx: PollContext): Promise<void> {
  const { state, chat } = ctx;
  for (const [key, record] of Object.entries(state.failovers)) {
    if (record.ts) continue;
    let found: Map<string, string>;
    try {
      found = await chat.findPosted(record.channel, new Set([key]), {
        sinceMs: record.announcedAt - HISTORY_MARGIN_MS,
      });
    } catch (error) {
      if (error instanceof SlackApiError && error.isFinal) {
        record.finished = true; // the channel is closed to us for good: nothing to settle or update
        continue;
      }
      // Undecided until the history can be read (a 429, a 5xx): the record waits, the poll goes on.
      ctx.logger.warn(
        { channel: record.channel, err: String(error) },
        'could not settle a failover announcement',
      );
      continue;
    }
    const ts = found.get(key);
    if (ts) record.ts = ts;
    else delete state.failovers[key]; // not posted: the next poll announces it again
  }
}

function groupForLookup(records: AlertRecord[]) {
  const groups = new Map<string, { channel: string; threadTs: string | undefined; records: AlertRecord[] }>();
  for (const record of records) {
    const id = `${record.channel}|${record.threadTs ?? ''}`;
    const group = groups.get(id) ?? { channel: record.channel, threadTs: record.threadTs, records: [] };
    group.records.push(record);
    groups.set(id, group);
  }
  return groups.values();
}
