import { blockById, buttonsOf, textOf } from '../../views/block-queries.js';
import { MINUTE } from '../../../helpers/time.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam vm', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig();
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Nightly Backup',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'Disk full' }],
    });
  });
  afterAll(() => rig.stop());

  it('shows the VM’s newest task sessions with their jobs', async () => {
    const reply = await rig.run('vm apache02');
    expect(reply.text).toContain('apache02');
    expect(visibleText(reply)).toContain('Nightly Backup');
  });

  it('has a "newest restore point" line: the backup point’s age and job, no replica', async () => {
    const ended = rig.deps.clock.now() - 180 * MINUTE;
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Points Job',
      state: 'Stopped',
      result: 'Success',
      creationTime: new Date(ended - 10 * MINUTE).toISOString(),
      endTime: new Date(ended).toISOString(),
      tasks: [{ vmName: 'pointvm01', result: 'Success' }],
    });
    const line = textOf(blockById(await rig.run('vm pointvm01'), 'newest-point'));
    expect(line).toContain('Newest restore point: backup ');
    expect(line).toContain('(3h old) by *Points Job*');
    expect(line).not.toContain('replica');
  });

  it('says "No VM named" when nothing is close', async () => {
    const reply = await rig.run('vm qqqqqqqqqqzzzzzzzz');
    expect(textOf(blockById(reply, 'intro'))).toBe('No VM named *qqqqqqqqqqzzzzzzzz*.');
    expect(buttonsOf(reply)).toHaveLength(0);
  });

  it('asks for a name', async () => {
    expect(textOf(blockById(await rig.run('vm'), 'error'))).toContain('Which VM?');
  });
});

describe('/veeam vm suggestions', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig(0);
    rig.sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'Web Replication',
      state: 'Stopped',
      result: 'Warning',
      tasks: [{ vmName: 'webfront-eu-01', result: 'Warning', reason: 'Low space' }],
    });
  });
  afterAll(() => rig.stop());

  it('offers the close VM names; the button (by catalog ref, not by text) shows that VM', async () => {
    const reply = await rig.run('vm webfront-eu-1x');
    expect(textOf(blockById(reply, 'intro'))).toBe('No VM named *webfront-eu-1x*. Did you mean:');
    expect(buttonsOf(reply)[0]?.value).toMatch(/^vm uid:vm~[0-9a-f]+$/);
    const shown = await rig.pick(reply);
    expect(visibleText(shown)).toContain('webfront-eu-01');
    expect(visibleText(shown)).toContain('Web Replication');
  });
});
