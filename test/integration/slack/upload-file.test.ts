import { webApi } from '@slack/bolt';
import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import type { ChatPort } from '../../../src/watcher/chat-port.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

let fake: FakeSlack;
let chat: ChatPort;

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

describe('the chat port uploads with the external flow', () => {
  it('asks for an upload URL, POSTs the bytes, then completes the upload into a thread', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { fileId } = await chat.uploadFile!({
      filename: 'digest.png',
      title: 'Digest',
      altText: 'alt',
      bytes,
      channel: 'C1',
      threadTs: '1.000001',
    });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(fake.calls[0]?.args).toMatchObject({ filename: 'digest.png', length: String(bytes.length) });
    expect(fake.files[0]).toMatchObject({ id: fileId, completed: true, channel: 'C1', threadTs: '1.000001' });
    expect(fake.files[0]?.bytes?.equals(bytes)).toBe(true);
  });

  it('completes a private upload (for an image block) without a channel', async () => {
    await chat.uploadFile!({ filename: 'c.png', title: 'c', altText: 'a', bytes: Buffer.from('x') });
    expect(fake.files[0]).toMatchObject({ completed: true });
    expect(fake.files[0]?.channel).toBeUndefined();
  });

  it('publishes an App Home view', async () => {
    await chat.publishView!('U1', { type: 'home', blocks: [{ type: 'divider' }] });
    expect(fake.views[0]).toMatchObject({ userId: 'U1', view: { type: 'home' } });
  });
});
