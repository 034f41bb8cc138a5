import { ALERTS_NOT_RUNNING, createWatcherSlot } from '../../../src/commands/watcher-port.js';
import { runCommand } from '../../../src/commands/run-command.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';
import { blockById, textOf } from '../views/block-queries.js';
import { createFakeWatcher, offlineDeps } from './handlers/watcher-fake.js';

describe('createWatcherSlot', () => {
  it('fails with the not-running answer until bound, then passes through to the watcher', async () => {
    const slot = createWatcherSlot();
    expect(() => slot.port.state()).toThrow(AppError);
    const before = await runCommand(
      'subscriptions',
      { userId: 'U1', channelId: 'C1' },
      offlineDeps(slot.port),
    );
    expect(textOf(blockById(before, 'error'))).toContain(ALERTS_NOT_RUNNING);

    const watcher = createFakeWatcher();
    slot.bind(watcher);
    await runCommand('subscribe type:cdp', { userId: 'U1', channelId: 'C1' }, offlineDeps(slot.port));
    expect(watcher.current.subscriptions).toHaveLength(1);
    expect(watcher.saved()).toBe(1);
  });

  it('uses the Internal code for a port used before the watcher started', () => {
    try {
      createWatcherSlot().port.state();
    } catch (error) {
      expect((error as AppError).code).toBe(ErrorCode.Internal);
      return;
    }
    throw new Error('expected the unbound port to throw');
  });
});
