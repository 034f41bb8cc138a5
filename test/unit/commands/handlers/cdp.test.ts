import { blockById, buttonsOf, textOf } from '../../views/block-queries.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam cdp', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig();
    rig.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Tier1',
      state: 'Working',
      result: 'Warning',
      tasks: [{ vmName: 'sql-cdp01', result: 'Warning', reason: 'RPO exceeded' }],
    });
  });
  afterAll(() => rig.stop());

  it('shows one policy’s sessions and their newest task sessions', async () => {
    const reply = await rig.run('cdp CDP Tier1');
    expect(reply.text).toContain('CDP Tier1');
    expect(visibleText(reply)).toContain('sql-cdp01');
  });

  it('shows the newest CDP sessions of every policy without a name', async () => {
    const reply = await rig.run('cdp');
    expect(visibleText(reply)).toContain('CDP Tier1');
  });

  it('says "No CDP policy named" when nothing is close', async () => {
    const reply = await rig.run('cdp qqqqqqqqqqzzzzzzzz');
    expect(textOf(blockById(reply, 'intro'))).toBe('No CDP policy named *qqqqqqqqqqzzzzzzzz*.');
    expect(buttonsOf(reply)).toHaveLength(0);
  });
});
