import { ActionId } from '../../../../src/views/ids.js';
import { blockById, buttonsOf, textOf } from '../../views/block-queries.js';
import { startCommandRig, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam report [window]', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig(0);
    rig.deps.digestTimeZone = 'UTC';
    const now = rig.sim.clock.now();
    const ended = (hoursAgo: number) => ({
      creationTime: new Date(now - (hoursAgo + 1) * 3_600_000).toISOString(),
      endTime: new Date(now - hoursAgo * 3_600_000).toISOString(),
    });
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Exchange Backup',
      state: 'Stopped',
      result: 'Failed',
      ...ended(2),
    });
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Fileserver',
      state: 'Stopped',
      result: 'Success',
      ...ended(3),
    });
    rig.sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'Old Replica',
      state: 'Stopped',
      result: 'Warning',
      ...ended(60),
    });
  });
  afterAll(() => rig.stop());

  it('answers the last 24 h by default, with the problem jobs and a Share button re-running it', async () => {
    const reply = await rig.run('report');
    expect(textOf(blockById(reply, 'digest:summary'))).toContain(
      'Last 24h: 2 sessions: 1 success, 0 warning, 1 failed',
    );
    expect(textOf(blockById(reply, 'digest:problems'))).toContain('Jobs that failed or warned: 1');
    expect(textOf(blockById(reply, 'item:problem:0'))).toContain('Exchange Backup');
    const share = buttonsOf(reply).find((b) => String(b.action_id).startsWith(ActionId.SHARE_IN_CHANNEL));
    expect(share?.value).toBe('report 24h');
    expect(reply.blocks.some((b) => b.type === 'image')).toBe(false);
  });

  it('counts a longer window when asked', async () => {
    const reply = await rig.run('report 3d');
    expect(textOf(blockById(reply, 'digest:summary'))).toContain('Last 3d');
    expect(textOf(blockById(reply, 'digest:problems'))).toContain('Jobs that failed or warned: 2');
    expect(
      buttonsOf(reply).find((b) => String(b.action_id).startsWith(ActionId.SHARE_IN_CHANNEL))?.value,
    ).toBe('report 3d');
  });

  it('accepts the longest window, 31d', async () => {
    const reply = await rig.run('report 31d');
    expect(textOf(blockById(reply, 'digest:summary'))).toContain('Last 31d');
  });

  it.each(['soon', '0h', '32d', '40d'])('rejects the window %j with the usage', async (window) => {
    const reply = await rig.run(`report ${window}`);
    expect(textOf(blockById(reply, 'usage'))).toContain('/veeam report');
  });
});
