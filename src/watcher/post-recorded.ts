import type { OutgoingMessage } from './chat-port.js';
import type { PollContext } from './poll-context.js';

/** How the record of one post is kept: marked pending before it and sent (with the message's ts) after it. */
export interface PostRecord {
  /** Marks the record pending (it may already be); saved before the post. */
  pending?: () => void;
  /** Marks the record sent with the posted message's ts; saved after the post. */
  sent: (ts: string) => void;
}

/**
 * The exactly-once protocol in one place: the record is pending on disk before the post and sent after it.
 * A crash in between leaves it pending, and the next start finds the message by its metadata in the channel
 * history (settle-pending) instead of posting it twice. A failed post throws, leaving the record pending.
 */
export async function postRecorded(
  ctx: Pick<PollContext, 'chat' | 'save'>,
  message: OutgoingMessage,
  record: PostRecord,
): Promise<{ channel: string; ts: string }> {
  record.pending?.();
  await ctx.save();
  const posted = await ctx.chat.post(message);
  record.sent(posted.ts);
  await ctx.save();
  return posted;
}
