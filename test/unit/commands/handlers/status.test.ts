import { MAX_COMMAND_LENGTH } from '../../../../src/commands/parse-command.js';
import { blockById, buttonsOf, textOf } from '../../views/block-queries.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

/** A job name so long that `status <name>` is over the command limit. */
const LONG_NAME = `Quarterly Archive ${'of the finance department '.repeat(19)}`.trim();

describe('/veeam status', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig();
    rig.sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'Failed to connect to host esx07' }],
    });
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: LONG_NAME,
      state: 'Stopped',
      result: 'Failed',
    });
  });
  afterAll(() => rig.stop());

  it('shows the job’s newest sessions with the failed VMs, matching the name loosely', async () => {
    for (const text of ['status Fileserver02 Replication', 'status "fileserver02 replication"']) {
      const reply = await rig.run(text);
      expect(visibleText(reply)).toContain('Fileserver02 Replication');
      expect(visibleText(reply)).toContain('apache02');
      expect(visibleText(reply)).toContain('Failed to connect to host esx07');
    }
  });

  it('suggests close names as buttons; a button shows that job', async () => {
    const reply = await rig.run('status Fileserver2 Replica');
    expect(textOf(blockById(reply, 'intro'))).toMatch(
      /^No job named \*Fileserver2 Replica\*\. Did you mean:/,
    );
    const shown = await rig.pick(reply);
    expect(visibleText(shown)).toContain('Fileserver02 Replication');
  });

  it('a suggestion for a name longer than the command limit still shows the job', async () => {
    expect(`status ${LONG_NAME}`.length).toBeGreaterThan(MAX_COMMAND_LENGTH);
    const reply = await rig.run(`status ${LONG_NAME.slice(0, 60)}x`);
    const index = buttonsOf(reply).findIndex((b) => b.text.text.startsWith('Quarterly Archive'));
    expect(index).toBeGreaterThanOrEqual(0);
    const shown = await rig.pick(reply, index);
    expect(visibleText(shown)).not.toContain('too long');
    expect(visibleText(shown)).toContain('Quarterly Archive of the finance');
  });

  it('asks which job when given none', async () => {
    expect(textOf(blockById(await rig.run('status'), 'error'))).toContain('Which job?');
  });
});
