import { blockById, textOf } from '../../views/block-queries.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam failures and running', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig(0);
    const now = rig.sim.clock.now();
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Exchange Backup',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(now - 3 * 3_600_000).toISOString(),
      endTime: new Date(now - 2 * 3_600_000).toISOString(),
    });
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Old Failure',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(now - 50 * 3_600_000).toISOString(),
      endTime: new Date(now - 49 * 3_600_000).toISOString(),
    });
    rig.sim.createSession({ type: 'ReplicaJobSession', jobName: 'Busy Replication', state: 'Working' });
  });
  afterAll(() => rig.stop());

  it('lists what failed within the window, by job', async () => {
    const day = visibleText(await rig.run('failures'));
    expect(day).toContain('Exchange Backup');
    expect(day).not.toContain('Old Failure');
    expect(visibleText(await rig.run('failures 3d'))).toContain('Old Failure');
  });

  it.each(['soon', '0h', '40d'])('rejects the window %j', async (window) => {
    const reply = await rig.run(`failures ${window}`);
    expect(textOf(blockById(reply, 'usage'))).toContain('/veeam failures');
  });

  it('lists what runs now, and takes no arguments', async () => {
    const running = visibleText(await rig.run('running'));
    expect(running).toContain('Busy Replication');
    expect(running).not.toContain('Exchange Backup');
    expect(textOf(blockById(await rig.run('running now'), 'error'))).toContain('takes no arguments');
  });
});
