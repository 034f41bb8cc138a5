import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import type { ChatPort } from '../../../src/watcher/chat-port.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';

/** Real timers, with `now` steppable so a 30 s Retry-After can pass without 30 s of waiting. */
function skippableTime() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    skip: (ms: number) => (offset += ms),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const alert = (channel: string, key: string) => ({
  channel,
  text: key,
  metadata: { eventType: 'veeam_alert' as const, key },
});

describe('429s on one channel, through the Web API client the bot posts with', () => {
  let fake: FakeSlack;
  let chat: ChatPort;
  let time: ReturnType<typeof skippableTime>;
  const postsTo = (channel: string) =>
    fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel);

  beforeEach(async () => {
    fake = await startFakeSlack();
    time = skippableTime();
    chat = createSlackChat(createSlackWebClient(testSlackConfig(fake.apiUrl)), silentLogger, {
      channelIntervalMs: 0,
      rateLimit: { maxWaitMs: 50, tries: 3 },
      time,
    });
  });
  afterEach(() => fake.stop());

  it('never hold up another channel’s alert, and the limited one is posted once after its Retry-After', async () => {
    // Measured before: three 429s with Retry-After: 30 on one channel delayed another channel by 97.7 s.
    fake.fail({
      method: 'chat.postMessage',
      kind: 'ratelimited',
      retryAfterSeconds: 30,
      count: 3,
      channel: 'CA',
    });
    const started = Date.now();
    for (let round = 0; round < 3; round += 1) {
      // The watcher posts one channel after the other: A first, then B.
      expect(await rejection(chat.post(alert('CA', 'a')))).toMatchObject({
        slackCode: 'ratelimited',
        retryAfter: 30,
        isFinal: false,
      });
      await chat.post(alert('CB', `b${round}`));
      // A again before its Retry-After has passed: refused here, Slack is not asked.
      const asked = postsTo('CA').length;
      expect(await rejection(chat.post(alert('CA', 'a')))).toMatchObject({ slackCode: 'ratelimited' });
      expect(postsTo('CA')).toHaveLength(asked);
      time.skip(30_000);
    }
    await chat.post(alert('CA', 'a'));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake.messages.filter((m) => m.channel === 'CB').map((m) => m.text)).toEqual(['b0', 'b1', 'b2']);
    expect(fake.messages.filter((m) => m.channel === 'CA').map((m) => m.text)).toEqual(['a']);
    expect(postsTo('CA')).toHaveLength(4); // three 429s, one post
  });

  it('waits out a short Retry-After on the channel and posts', async () => {
    fake.fail({
      method: 'chat.postMessage',
      kind: 'ratelimited',
      retryAfterSeconds: 0,
      count: 2,
      channel: 'CA',
    });
    await chat.post(alert('CA', 'a'));
    expect(fake.messages.map((m) => m.text)).toEqual(['a']);
  });
});
