import { webApi } from '@slack/bolt';
import { digestDue } from '../../../src/digest/digest-due.js';
import { postDigest, type PreparedDigest } from '../../../src/digest/post-digest.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import type { ChatPort } from '../../../src/watcher/chat-port.js';
import type { WatcherState } from '../../../src/watcher/state.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

let fake: FakeSlack;
let chat: ChatPort;
const NOW = Date.parse('2025-06-10T06:00:30Z');

beforeEach(async () => {
  fake = await startFakeSlack();
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  chat = createSlackChat(client, silentLogger, { channelIntervalMs: 0 });
});
afterEach(() => fake.stop());

function context(state: Partial<WatcherState>, saves: Array<string | undefined>) {
  return {
    chat,
    state: state as WatcherState,
    now: () => NOW,
    logger: silentLogger,
    save: async () => {
      saves.push(JSON.stringify(state.digests));
    },
  };
}

const prepared = (): PreparedDigest => ({
  message: {
    text: 'digest',
    blocks: [{ type: 'section', block_id: 's', text: { type: 'mrkdwn', text: 'x' } }],
  },
  withChart: (id) => ({
    text: 'digest',
    blocks: [{ type: 'image', block_id: 'digest:chart', slack_file: { id }, alt_text: 'a' } as never],
  }),
  chart: { png: Buffer.from('png-bytes'), altText: 'a', filename: 'digest.png' },
});

const dueNow = (state: Partial<WatcherState>) =>
  digestDue({
    nowMs: NOW,
    timeZone: 'Europe/Berlin',
    time: '08:00',
    firstStartedAt: 0,
    record: state.digests?.['C1|2025-06-10'],
  });

describe('postDigest', () => {
  it('records pending before the post and sent after it, then shows the uploaded chart in an image block', async () => {
    const state: Partial<WatcherState> = {};
    const saves: Array<string | undefined> = [];
    const due = dueNow(state);
    expect(await postDigest(context(state, saves), 'C1', due!, async () => prepared())).toBe(true);
    expect(saves[0]).toContain('"status":"pending"');
    expect(state.digests?.['C1|2025-06-10']).toMatchObject({ status: 'sent', ts: fake.messages[0]?.ts });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
      'chat.update',
    ]);
    expect(fake.files[0]?.bytes?.toString()).toBe('png-bytes');
    const image = (fake.messages[0]?.blocks as Array<Record<string, unknown>>).find(
      (b) => b.type === 'image',
    );
    expect(image?.slack_file).toEqual({ id: fake.files[0]?.id });
    expect(dueNow(state)).toBeUndefined();
  });

  it('shares the chart into the thread when Slack refuses the image block', async () => {
    fake.fail({ method: 'chat.update', kind: 'error', error: 'invalid_blocks', count: 1 });
    const state: Partial<WatcherState> = {};
    await postDigest(context(state, []), 'C1', dueNow(state)!, async () => prepared());
    expect(fake.files[1]).toMatchObject({ channel: 'C1', threadTs: fake.messages[0]?.ts, completed: true });
  });

  it('does not post twice when a crash left the record pending after the message went out', async () => {
    const state: Partial<WatcherState> = {};
    fake.fail({ method: 'chat.postMessage', kind: 'postThenHang', count: 1 });
    const ctx = context(state, []);
    // The post never answers (the bot died mid-request): the record stays pending.
    void postDigest(ctx, 'C1', dueNow(state)!, async () => ({ message: prepared().message })).catch(
      () => undefined,
    );
    await fake.waitFor(() => fake.messages.length === 1 && state.digests?.['C1|2025-06-10'] !== undefined);
    expect(state.digests?.['C1|2025-06-10']?.status).toBe('pending');
    const restarted = { digests: JSON.parse(JSON.stringify(state.digests)) } as Partial<WatcherState>;
    const due = dueNow(restarted);
    expect(due?.settle).toBe(true);
    expect(await postDigest(context(restarted, []), 'C1', due!, async () => prepared())).toBe(false);
    expect(fake.messages).toHaveLength(1);
    expect(restarted.digests?.['C1|2025-06-10']).toMatchObject({ status: 'sent', ts: fake.messages[0]?.ts });
  });
});
