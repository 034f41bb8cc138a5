import type { webApi } from '@slack/bolt';
import { SlackApiError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort, OutgoingMessage } from '../watcher/chat-port.js';
import { uploadExternal } from './upload-file.js';
import { createChannelPacer, type PacerTime } from './channel-pacer.js';
import { createRateLimitGate, DEFAULT_RATE_LIMIT, type RateLimitPolicy } from './rate-limit-gate.js';
import { toSlackApiError } from './slack-api-error.js';

/** Slack errors that mean "these blocks are not acceptable": the message goes out again as plain text. */
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
 * The Slack adapter of the chat port: every post and update of the bot (alerts, notices, failover messages,
 * shares, followed failovers) goes through it, paced per channel. Rate limits (429 + Retry-After) are met per
 * channel by the rate-limit gate (the client should reject them: see createSlackWebClient), 5xx and timeouts
 * retried by the client's retry policy. Every failure is thrown as a SlackApiError with Slack's own code.
 */
export function createSlackChat(
  client: webApi.WebClient,
  logger: Logger,
  options: { channelIntervalMs?: number; rateLimit?: RateLimitPolicy; time?: PacerTime } = {},
): ChatPort {
  const pace = createChannelPacer(options.channelIntervalMs ?? CHANNEL_INTERVAL_MS, options.time);
  const gate = createRateLimitGate(options.rateLimit ?? DEFAULT_RATE_LIMIT, logger, options.time);
  return {
    async post(message) {
      await pace(message.channel);
      try {
        return await gate('chat.postMessage', message.channel, () => postOnce(client, message, true));
      } catch (error) {
        const failure = toSlackApiError('chat.postMessage', error, message.channel);
        if (!BLOCK_ERRORS.has(failure.slackCode)) throw failure;
        logger.warn(
          { channel: message.channel, code: failure.slackCode },
          'Slack refused the message blocks; posting it as plain text',
        );
        try {
          const plain = { ...message, text: message.fallbackText ?? message.text };
          return await gate('chat.postMessage', message.channel, () => postOnce(client, plain, false));
        } catch (retryError) {
          throw toSlackApiError('chat.postMessage', retryError, message.channel);
        }
      }
    },
    async update({ channel, ts, text, blocks }) {
      try {
        await gate('chat.update', channel, () =>
          client.chat.update({ channel, ts, text, ...(blocks ? { blocks } : {}) }),
        );
      } catch (error) {
        throw toSlackApiError('chat.update', error, channel);
      }
    },
    async canPost(channel) {
      try {
        const answer = await client.conversations.info({ channel });
        // Direct messages carry no is_member: the bot is in every conversation it was opened with.
        return answer.channel?.is_member ?? answer.channel?.is_im ?? false;
      } catch (error) {
        const failure = toSlackApiError('conversations.info', error, channel);
        if (failure.isFinal) return false;
        throw failure;
      }
    },
    uploadFile: (file) => uploadExternal(client, file),
    async publishView(userId, view) {
      try {
        await client.views.publish({ user_id: userId, view });
      } catch (error) {
        throw toSlackApiError('views.publish', error, userId);
      }
    },
    async permalink(channel, ts) {
      try {
        const answer = await client.chat.getPermalink({ channel, message_ts: ts });
        if (!answer.permalink) throw new Error('chat.getPermalink answered no permalink');
        return answer.permalink;
      } catch (error) {
        throw toSlackApiError('chat.getPermalink', error, channel);
      }
    },
    async openView(triggerId, view) {
      try {
        await client.views.open({ trigger_id: triggerId, view });
      } catch (error) {
        throw toSlackApiError('views.open', error);
      }
    },
    async findPosted(channel, keys, { sinceMs, threadTs }) {
      const found = new Map<string, string>();
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES_MAX && found.size < keys.size; page += 1) {
        const answer = await gate(threadTs ? 'conversations.replies' : 'conversations.history', channel, () =>
          historyPage(client, channel, { sinceMs, threadTs, cursor }),
        );
        for (const message of answer.messages ?? []) {
          const key = alertKeyOf(message.metadata);
          if (key !== undefined && keys.has(key) && message.ts) found.set(key, message.ts);
        }
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return found;
    },
  };
}

async function historyPage(
  client: webApi.WebClient,
  channel: string,
  at: { sinceMs: number; threadTs: string | undefined; cursor: string | undefined },
) {
  const args = {
    channel,
    oldest: (at.sinceMs / 1000).toFixed(6),
    include_all_metadata: true,
    limit: HISTORY_PAGE,
    ...(at.cursor ? { cursor: at.cursor } : {}),
  };
  try {
    return at.threadTs
      ? await client.conversations.replies({ ...args, ts: at.threadTs })
      : await client.conversations.history(args);
  } catch (error) {
    throw toSlackApiError(at.threadTs ? 'conversations.replies' : 'conversations.history', error, channel);
  }
}

/** The alert key in a message's metadata, when it is one of ours. */
function alertKeyOf(metadata: unknown): string | undefined {
  const m = metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
  const key = m?.event_payload?.key;
  return m?.event_type === 'veeam_alert' && typeof key === 'string' ? key : undefined;
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
  if (!answer.ts) throw new SlackApiError('chat.postMessage', 'no_ts', { channel: message.channel });
  return { channel: answer.channel ?? message.channel, ts: answer.ts };
}
