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
  withCharts: (ids) => ({
    text: 'digest',
    blocks: Object.entries(ids).map(
      ([key, id]) => ({ type: 'image', block_id: key, slack_file: { id }, alt_text: 'a' }) as never,
    ),
  }),
  charts: [
    { key: 'trend', png: Buffer.from('trend-bytes'), altText: 'a', filename: 'd.png', title: 'Sessions' },
    {
      key: 'repositories',
      png: Buffer.from('repo-bytes'),
      altText: 'r',
      filename: 'd-repositories.png',
      title: 'Repository usage',
    },
  ],
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
  it('records pending before the post and sent after it, then shows both uploaded charts in image blocks', async () => {
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
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
      'chat.update',
    ]);
    const uploads = fake.calls.filter((c) => c.method === 'upload').map((c) => c.args['file_id']);
    expect(uploads).toEqual([fake.files[0]?.id, fake.files[1]?.id]);
    expect(fake.files.map((f) => [f.filename, f.bytes?.toString(), f.completed])).toEqual([
      ['d.png', 'trend-bytes', true],
      ['d-repositories.png', 'repo-bytes', true],
    ]);
    const images = (fake.messages[0]?.blocks as Array<Record<string, unknown>>).filter(
      (b) => b.type === 'image',
    );
    expect(images.map((b) => [b.block_id, b.slack_file])).toEqual([
      ['trend', { id: fake.files[0]?.id }],
      ['repositories', { id: fake.files[1]?.id }],
    ]);
    expect(dueNow(state)).toBeUndefined();
  });

  it('shares both charts into the thread when Slack refuses the image blocks', async () => {
    fake.fail({ method: 'chat.update', kind: 'error', error: 'invalid_blocks', count: 1 });
    const state: Partial<WatcherState> = {};
    await postDigest(context(state, []), 'C1', dueNow(state)!, async () => prepared());
    const thread = { channel: 'C1', threadTs: fake.messages[0]?.ts, completed: true };
    expect(fake.files).toHaveLength(4);
    expect(fake.files[2]).toMatchObject({ ...thread, filename: 'd.png' });
    expect(fake.files[3]).toMatchObject({ ...thread, filename: 'd-repositories.png' });
    expect(fake.files[3]?.bytes?.toString()).toBe('repo-bytes');
  });

  it('shows the chart that uploaded when the other upload fails', async () => {
    fake.fail({ method: 'files.completeUploadExternal', kind: 'error', error: 'internal_error', count: 1 });
    const state: Partial<WatcherState> = {};
    await postDigest(context(state, []), 'C1', dueNow(state)!, async () => prepared());
    const images = (fake.messages[0]?.blocks as Array<Record<string, unknown>>).filter(
      (b) => b.type === 'image',
    );
    expect(images.map((b) => b.block_id)).toEqual(['repositories']);
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

  it('posts once after a restart when a crash left the record pending before the message went out', async () => {
    const restarted: Partial<WatcherState> = {
      digests: {
        'C1|2025-06-10': { channel: 'C1', date: '2025-06-10', status: 'pending', decidedAt: NOW - 1000 },
      },
    };
    const due = dueNow(restarted);
    expect(due?.settle).toBe(true);
    expect(await postDigest(context(restarted, []), 'C1', due!, async () => prepared())).toBe(true);
    expect(fake.messages.filter((m) => m.channel === 'C1' && !m.thread_ts)).toHaveLength(1);
    expect(restarted.digests?.['C1|2025-06-10']).toMatchObject({ status: 'sent', ts: fake.messages[0]?.ts });
    expect(dueNow(restarted)).toBeUndefined();
  });
});
