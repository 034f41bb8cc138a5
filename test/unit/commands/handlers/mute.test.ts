import { muteCommand, parseMute, unmuteCommand } from '../../../../src/commands/handlers/mute.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { blockById, textOf } from '../../views/block-queries.js';
import { createFakeWatcher } from './watcher-fake.js';

const here = { userId: 'U1', channelId: 'CALERTS' };
const HOUR = 3_600_000;

describe('/veeam mute and unmute', () => {
  it('mutes a job until now + the duration, replacing an earlier mute of it (any case)', async () => {
    const watcher = createFakeWatcher();
    const clock = createManualClock(1_000);
    await muteCommand('Nightly Backup 1h', here, { watcher, clock });
    const reply = await muteCommand('nightly backup 2h', here, { watcher, clock });
    expect(watcher.current.mutes).toEqual([
      { job: 'nightly backup', until: 1_000 + 2 * HOUR, by: 'U1', channel: 'CALERTS' },
    ]);
    expect(watcher.saved()).toBe(2);
    expect(textOf(blockById(reply, 'notice'))).toContain('*nightly backup*');
  });

  it('unmutes a muted job and says so when there was no mute', async () => {
    const watcher = createFakeWatcher();
    const clock = createManualClock(0);
    await muteCommand('Nightly Backup 1d', here, { watcher, clock });
    const lifted = await unmuteCommand('"NIGHTLY BACKUP"', here, { watcher });
    expect(watcher.current.mutes).toEqual([]);
    expect(textOf(blockById(lifted, 'notice'))).toContain('Alerts are back on for');
    const none = await unmuteCommand('Weekly', here, { watcher });
    expect(textOf(blockById(none, 'notice'))).toContain('No mute for');
    expect(watcher.saved()).toBe(2);
  });

  it.each(['Nightly', '2h', 'Nightly 0h', 'Nightly 45d', 'Nightly soon'])('rejects %j', (text) => {
    expect(() => parseMute(text)).toThrow(UsageError);
  });

  it('asks which job to unmute, and answers without a watcher', async () => {
    const watcher = createFakeWatcher();
    await expect(unmuteCommand(' ', here, { watcher })).rejects.toBeInstanceOf(UsageError);
    const reply = await muteCommand('Nightly 2h', here, { watcher: undefined, clock: createManualClock(0) });
    expect(textOf(blockById(reply, 'error'))).toContain('Alerts are not running in this bot');
  });
});
