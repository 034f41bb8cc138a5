import { webApi } from '@slack/bolt';
import { SlackApiError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import type { ChatPort } from '../../../src/watcher/chat-port.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

const BLOCKS = [{ type: 'section' as const, block_id: 'b', text: { type: 'mrkdwn' as const, text: 'hi' } }];

let fake: FakeSlack;
let chat: ChatPort;

/** A chat on the fake Web API; no retries, and 429s rejected so their Retry-After reaches us. */
function chatOn(options: { rejectRateLimitedCalls?: boolean } = {}): ChatPort {
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    logLevel: webApi.LogLevel.ERROR,
  });
  return createSlackChat(client, silentLogger, { channelIntervalMs: 0 });
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  fake = await startFakeSlack();
  chat = chatOn();
});
afterEach(() => fake.stop());

describe('createSlackChat', () => {
  it('posts with blocks and metadata, and finds the message again by its metadata key', async () => {
    const { ts } = await chat.post({
      channel: 'C1',
      text: 'alert',
      blocks: BLOCKS,
      metadata: { eventType: 'veeam_alert', key: 'uid-1|C1' },
    });

    const found = await chat.findPosted('C1', new Set(['uid-1|C1', 'other']), { sinceMs: 0 });

    expect(found.get('uid-1|C1')).toBe(ts);
    expect(found.has('other')).toBe(false);
    expect(fake.messages[0]?.blocks).toEqual(BLOCKS);
  });

  it('posts the fallback text without blocks when Slack answers invalid_blocks', async () => {
    fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'invalid_blocks', count: 1 });

    await chat.post({ channel: 'C1', text: 'rich', blocks: BLOCKS, fallbackText: 'plain' });

    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]?.text).toBe('plain');
    expect(fake.messages[0]?.blocks).toBeUndefined();
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])(
    'throws a final SlackApiError carrying %s',
    async (code) => {
      fake.fail({ method: 'chat.postMessage', kind: 'error', error: code, count: 1 });

      const error = await rejection(chat.post({ channel: 'CGONE', text: 'alert', blocks: BLOCKS }));

      expect(error).toBeInstanceOf(SlackApiError);
      expect(error).toMatchObject({ slackCode: code, method: 'chat.postMessage', isFinal: true });
      expect(String((error as Error).message)).toContain('CGONE');
    },
  );

  it('throws ratelimited with Slack’s Retry-After, not final, when 429s are not waited out', async () => {
    chat = chatOn({ rejectRateLimitedCalls: true });
    fake.fail({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 7, count: 1 });

    const error = await rejection(chat.post({ channel: 'C1', text: 'alert' }));

    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ slackCode: 'ratelimited', retryAfter: 7, isFinal: false });
  });

  it('names a server error by its HTTP status', async () => {
    fake.fail({ method: 'chat.postMessage', kind: 'http500', count: 1 });

    const error = await rejection(chat.post({ channel: 'C1', text: 'alert' }));

    expect(error).toMatchObject({ slackCode: 'http_500', isFinal: false });
  });

  it('throws a SlackApiError from update and from the history scan', async () => {
    const update = await rejection(chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }));
    fake.fail({ method: 'conversations.history', kind: 'error', error: 'not_in_channel', count: 1 });
    const history = await rejection(chat.findPosted('C1', new Set(['k']), { sinceMs: 0 }));

    expect(update).toMatchObject({ slackCode: 'message_not_found', method: 'chat.update' });
    expect(history).toMatchObject({ slackCode: 'not_in_channel', method: 'conversations.history' });
    expect(history).toBeInstanceOf(SlackApiError);
  });
});
