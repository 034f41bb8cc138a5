import { webApi } from '@slack/bolt';
import { subscribeCommand } from '../../../src/commands/handlers/subscribe.js';
import { createRoutingPort } from '../../../src/commands/routing-port.js';
import { ErrorCode } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { createFakeWatcher } from '../commands/handlers/watcher-fake.js';

let fake: FakeSlack;
afterEach(() => fake.stop());

function chatOn(slack: FakeSlack) {
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  return createSlackChat(client, silentLogger, { channelIntervalMs: 0 });
}

describe('canPost through conversations.info', () => {
  it('is true for a channel the bot is in and false for one it is not', async () => {
    fake = await startFakeSlack({ members: ['CIN'] });
    const chat = chatOn(fake);
    expect(await chat.canPost?.('CIN')).toBe(true);
    expect(await chat.canPost?.('COUT')).toBe(false);
  });

  it('makes /veeam subscribe refuse a channel the bot is not in, with the /invite fix', async () => {
    fake = await startFakeSlack({ members: ['CALERTS'] });
    const chat = chatOn(fake);
    const routing = createRoutingPort({
      operators: undefined,
      alertChannel: 'CALERTS',
      chat,
      logger: silentLogger,
    });
    const watcher = createFakeWatcher();
    const here = { userId: 'U1', channelId: 'COUT' };
    const error = await subscribeCommand('type:backup', here, { watcher, routing }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.CommandUsage });
    expect(watcher.current.subscriptions).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);

    await subscribeCommand('type:backup', { userId: 'U1', channelId: 'CALERTS' }, { watcher, routing });
    expect(watcher.current.subscriptions).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args['channel'])).toEqual([
      'CALERTS',
    ]);
  });
});
