import { parseSubscription, subscribeCommand } from '../../../../src/commands/handlers/subscribe.js';
import { runCommand } from '../../../../src/commands/run-command.js';
import { createOperatorCheck, type RoutingPort } from '../../../../src/commands/routing-port.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { ErrorCode, UsageError } from '../../../../src/shared/errors.js';
import type { SlackMessage } from '../../../../src/views/format/block-kit.js';
import { blockById, textOf } from '../../views/block-queries.js';
import { createFakeWatcher, offlineDeps } from './watcher-fake.js';

const here = { userId: 'U1', channelId: 'CREPL' };

describe('/veeam subscribe', () => {
  it('adds a subscription for this channel, saves it, and confirms the filter', async () => {
    const watcher = createFakeWatcher();
    const deps = { watcher, clock: createManualClock(5_000) };
    const reply = await subscribeCommand('type:replica job:"Nightly *" level:failed', here, deps);
    expect(watcher.current.subscriptions).toEqual([
      { id: 1, channel: 'CREPL', type: 'replica', job: 'Nightly *', level: 'failed', by: 'U1', at: 5_000 },
    ]);
    expect(watcher.saved()).toBe(1);
    expect(textOf(blockById(reply, 'notice'))).toBe(
      ':bell: Alerts for this channel: `type replica · job Nightly * · server any · failed only`',
    );
  });

  it('refuses a duplicate in the same channel without saving', async () => {
    const watcher = createFakeWatcher();
    await subscribeCommand('type:replica', here, { watcher });
    const reply = await subscribeCommand('type:replica', here, { watcher });
    expect(watcher.current.subscriptions).toHaveLength(1);
    expect(watcher.saved()).toBe(1);
    expect(textOf(blockById(reply, 'notice'))).toContain('already has that subscription');
  });

  it.each(['type:tape', 'colour:red', 'stray words', 'level:info', `job:${'x'.repeat(201)}`])(
    'rejects %j as a usage error',
    (text) => {
      expect(() => parseSubscription(text, 'C1', 1)).toThrow(UsageError);
    },
  );

  it('answers that alerts are not running when no watcher runs', async () => {
    const deps = { watcher: undefined };
    const reply = await subscribeCommand('type:backup', here, deps);
    expect(textOf(blockById(reply, 'error'))).toContain('Alerts are not running in this bot');
  });

  it('answers a bad option through runCommand with the usage list', async () => {
    const reply = await runCommand('subscribe colour:red', here, offlineDeps(createFakeWatcher()));
    expect(textOf(blockById(reply, 'error'))).toContain('Unknown option colour');
    expect(textOf(blockById(reply, 'usage'))).toContain('/veeam subscribe');
  });
});

describe('/veeam subscribe with OPERATORS set', () => {
  function routing(options: { members?: string[] } = {}) {
    const announced: Array<{ message: SlackMessage; channels: readonly string[] }> = [];
    const port: RoutingPort = {
      isOperator: createOperatorCheck(['UOPS']),
      restricted: true,
      canPost: async (channel) => options.members?.includes(channel) ?? true,
      alertChannel: 'CALERTS',
      announce: async (message, channels) => void announced.push({ message, channels }),
    };
    return { port, announced };
  }

  it('refuses a channel the bot cannot post in, with the fix, and saves nothing', async () => {
    const watcher = createFakeWatcher();
    const { port } = routing({ members: ['CALERTS'] });
    const error = await subscribeCommand('type:backup', here, { watcher, routing: port }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: ErrorCode.CommandUsage });
    expect((error as UsageError).userMessage).toContain('/invite @');
    expect(watcher.current.subscriptions).toEqual([]);
  });

  it('lets only an operator make a subscription exclusive', async () => {
    const watcher = createFakeWatcher();
    const { port } = routing();
    await expect(
      subscribeCommand('job:Nightly* exclusive', here, { watcher, routing: port }),
    ).rejects.toMatchObject({ code: ErrorCode.CommandUsage });
    expect(watcher.current.subscriptions).toEqual([]);
    await subscribeCommand(
      'job:Nightly* exclusive',
      { userId: 'UOPS', channelId: 'CREPL' },
      { watcher, routing: port },
    );
    expect(watcher.current.subscriptions[0]).toMatchObject({ exclusive: true, by: 'UOPS' });
  });

  it('announces the subscription in ALERT_CHANNEL and the channel, saying who and what', async () => {
    const watcher = createFakeWatcher();
    const { port, announced } = routing();
    await subscribeCommand('type:backup', here, { watcher, routing: port });
    expect(announced.map((a) => a.channels)).toEqual([['CREPL']]);
    const line = textOf(blockById(announced[0]?.message ?? { text: '', blocks: [] }, 'routing_change'));
    expect(line).toContain('<@U1> subscribed');
    expect(line).toContain('type backup');
    expect(line).toContain('<#CREPL>');
  });
});
