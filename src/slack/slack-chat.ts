import type { webApi } from '@slack/bolt';
import { AppError, ErrorCode, SlackApiError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort, OutgoingMessage } from '../watcher/chat-port.js';
import { createChannelPacer } from './channel-pacer.js';

/** Slack errors that mean "these blocks are not acceptable": the alert goes out again as plain text. */
const BLOCK_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'invalid_attachments',
]);
const HISTORY_PAGE = 200;
/** Slack's rate for chat.postMessage is about one message per second per channel; 10 % margin. */
const CHANNEL_INTERVAL_MS = 1_100;
const HISTORY_PAGES_MAX = 50;

/**
 * The watcher's chat on the Slack Web API. Rate limits (429 + Retry-After) are waited out by the WebClient
 * (rejectRateLimitedCalls stays false), 5xx and timeouts retried by its retry policy; nothing is dropped.
 */
export function createSlackChat(
  client: webApi.WebClient,
  logger: Logger,
  options: { channelIntervalMs?: number } = {},
): ChatPort {
  const pace = createChannelPacer(options.channelIntervalMs ?? CHANNEL_INTERVAL_MS);
  return {
    async post(message) {
      await pace(message.channel);
      try {
        return await postOnce(client, message, true);
      } catch (error) {
        const code = slackErrorCode(error);
        if (!code || !BLOCK_ERRORS.has(code)) throw slackError('chat.postMessage', error);
        logger.warn(
          { channel: message.channel, code },
          'Slack refused the alert blocks; posting it as plain text',
        );
        try {
          return await postOnce(client, { ...message, text: message.fallbackText ?? message.text }, false);
        } catch (retryError) {
          throw slackError('chat.postMessage', retryError);
        }
      }
    },
    async update({ channel, ts, text, blocks }) {
      try {
        await client.chat.update({ channel, ts, text, ...(blocks ? { blocks } : {}) });
      } catch (error) {
        throw slackError('chat.update', error);
      }
    },
    async findPosted(channel, keys, { sinceMs, threadTs }) {
      const found = new Map<string, string>();
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES_MAX && found.size < keys.size; page += 1) {
        const args = {
          channel,
          oldest: (sinceMs / 1000).toFixed(6),
          include_all_metadata: true,
          limit: HISTORY_PAGE,
          ...(cursor ? { cursor } : {}),
        };
        let answer;
        try {
          answer = threadTs
            ? await client.conversations.replies({ ...args, ts: threadTs })
            : await client.conversations.history(args);
        } catch (error) {
          throw slackError(threadTs ? 'conversations.replies' : 'conversations.history', error);
        }
        for (const message of answer.messages ?? []) {
          const metadata = message.metadata as
            { event_type?: string; event_payload?: { key?: unknown } } | undefined;
          const key = metadata?.event_payload?.key;
          if (
            metadata?.event_type === 'veeam_alert' &&
            typeof key === 'string' &&
            keys.has(key) &&
            message.ts
          )
            found.set(key, message.ts);
        }
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return found;
    },
  };
}

async function postOnce(client: webApi.WebClient, message: OutgoingMessage, withBlocks: boolean) {
  const answer = await client.chat.postMessage({
    channel: message.channel,
    text: message.text,
    ...(withBlocks && message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.metadata
      ? { metadata: { event_type: message.metadata.eventType, event_payload: { key: message.metadata.key } } }
      : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!answer.ts) throw new AppError(ErrorCode.Slack, 'chat.postMessage answered without a ts');
  return { channel: answer.channel ?? message.channel, ts: answer.ts };
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

function slackError(method: string, error: unknown): SlackApiError {
  const code = slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
  const retryAfter = (error as { retryAfter?: unknown } | undefined)?.retryAfter;
  return new SlackApiError(method, code, {
    cause: error,
    ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
  });
}
