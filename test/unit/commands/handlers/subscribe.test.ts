import { parseSubscription, subscribeCommand } from '../../../../src/commands/handlers/subscribe.js';
import { runCommand } from '../../../../src/commands/run-command.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { blockById, textOf } from '../../views/block-queries.js';
import { createFakeWatcher, offlineDeps } from './watcher-fake.js';

const here = { userId: 'U1', channelId: 'CREPL' };

describe('/veeam subscribe', () => {
  it('adds a subscription for this channel, saves it, and confirms the filter', async () => {
    const watcher = createFakeWatcher();
    const reply = await subscribeCommand('type:replica job:"Nightly *" level:failed', here, { watcher });
    expect(watcher.current.subscriptions).toEqual([
      { id: 1, channel: 'CREPL', type: 'replica', job: 'Nightly *', level: 'failed' },
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
