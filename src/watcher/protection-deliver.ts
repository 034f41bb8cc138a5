import { SlackApiError } from '../shared/errors.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildProtectionRecoveryView } from '../views/protection-alert-view.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';
import type { ProtectionMemory, ProtectionPost } from './protection-state.js';
import { recordStorm } from './storm-claims.js';

const HISTORY_MARGIN_MS = 5 * 60_000;

/**
 * Posts one protection message exactly once: its record is pending on disk before the post and sent after it
 * (postRecorded); a record already sent or muted is not posted again. On success the episodes it opens get
 * the message's ts per channel.
 */
export async function postProtection(
  ctx: PollContext,
  memory: ProtectionMemory,
  post: { key: string; channel: string; episodes: string[]; threadTs?: string; message: SlackMessage },
  /** Called with the message's ts in the same step that records it sent (a storm summary records its storm). */
  onSent?: (ts: string) => void,
): Promise<void> {
  const id = `${post.key}|${post.channel}`;
  const existing = memory.posts[id];
  if (existing && existing.status !== 'pending') return;
  const record: ProtectionPost = existing ?? {
    key: post.key,
    channel: post.channel,
    status: 'pending',
    decidedAt: ctx.now(),
    episodes: post.episodes,
    ...(post.threadTs ? { threadTs: post.threadTs } : {}),
    message: { text: post.message.text, blocks: post.message.blocks },
  };
  memory.posts[id] = record;
  try {
    await postRecorded(
      ctx,
      {
        channel: post.channel,
        text: post.message.text,
        blocks: post.message.blocks,
        ...(post.threadTs ? { threadTs: post.threadTs } : {}),
        metadata: { eventType: 'veeam_alert', key: post.key },
      },
      {
        pending: () => (record.status = 'pending'),
        sent: (ts) => {
          markSent(memory, record, ts);
          onSent?.(ts);
        },
      },
    );
  } catch (error) {
    if (error instanceof SlackApiError && error.isFinal) {
      for (const refused of [record, ...membersOf(memory, record)]) refused.status = 'failed';
      delete record.message;
      ctx.logger.error(
        { channel: post.channel, err: error.message },
        'a protection alert was refused for good',
      );
      return;
    }
    ctx.logger.error({ channel: post.channel, err: String(error) }, 'a protection alert stays pending');
  }
}

/** The alerts a storm summary stands for (their records follow its post). */
function membersOf(memory: ProtectionMemory, record: ProtectionPost): ProtectionPost[] {
  return Object.values(memory.posts).filter((p) => p.batch === record.key && p.channel === record.channel);
}

function markSent(memory: ProtectionMemory, record: ProtectionPost, ts: string): void {
  for (const sent of [record, ...membersOf(memory, record)]) Object.assign(sent, { status: 'sent', ts });
  delete record.message;
  for (const key of record.episodes) {
    const episode = memory.episodes[key];
    if (episode && record.threadTs === undefined) episode.messages[record.channel] = ts;
  }
}

/**
 * Settles the posts a crash or a failed post left pending: the channel history (by metadata) says whether each
 * went out; found ones become sent, the others are posted again from the kept message. An alert summarised in a
 * storm is settled with its storm's summary, never posted on its own.
 */
export async function settleProtection(ctx: PollContext, memory: ProtectionMemory): Promise<void> {
  const pending = Object.values(memory.posts).filter((p) => p.status === 'pending' && p.batch === undefined);
  for (const record of pending) {
    const onSent = stormOf(ctx, record);
    let found: Map<string, string>;
    try {
      found = await ctx.chat.findPosted(record.channel, new Set([record.key]), {
        sinceMs: record.decidedAt - HISTORY_MARGIN_MS,
        ...(record.threadTs ? { threadTs: record.threadTs } : {}),
      });
    } catch (error) {
      ctx.logger.warn({ channel: record.channel, err: String(error) }, 'could not settle a protection alert');
      continue;
    }
    const ts = found.get(record.key);
    if (ts) {
      markSent(memory, record, ts);
      onSent?.(ts);
      continue;
    }
    if (!record.message) continue;
    await postProtection(
      ctx,
      memory,
      {
        key: record.key,
        channel: record.channel,
        episodes: record.episodes,
        ...(record.threadTs ? { threadTs: record.threadTs } : {}),
        message: { text: record.message.text, blocks: record.message.blocks ?? [] },
      },
      onSent,
    );
  }
}

/** The key prefix of a protection storm's summary post (`protection-storm:<ms>`). */
export const PROTECTION_STORM_KEY = 'protection-storm:';

/**
 * For a storm summary left pending by a crash: records its storm once it is settled, as the post would have, so
 * its Claim button finds it. Undefined for any other post.
 */
function stormOf(ctx: PollContext, record: ProtectionPost): ((ts: string) => void) | undefined {
  const summary = record.message;
  if (!record.key.startsWith(PROTECTION_STORM_KEY) || !summary) return undefined;
  return (ts) =>
    recordStorm(ctx.state, {
      batch: record.key,
      channel: record.channel,
      ts,
      at: record.decidedAt,
      summary: { text: summary.text, blocks: summary.blocks ?? [] },
      episodes: record.episodes,
    });
}

/** A recovered episode's line in the thread of each message that announced it. */
export async function postRecoveries(
  ctx: PollContext,
  memory: ProtectionMemory,
  recovered: {
    episode: { key: string; messages: Record<string, string>; recoveredAt?: number };
    line: string;
  }[],
): Promise<void> {
  for (const { episode, line } of recovered) {
    for (const [channel, threadTs] of Object.entries(episode.messages)) {
      await postProtection(ctx, memory, {
        key: `${episode.key}:recovered:${episode.recoveredAt ?? 0}`,
        channel,
        episodes: [],
        threadTs,
        message: buildProtectionRecoveryView(line),
      });
    }
  }
}
