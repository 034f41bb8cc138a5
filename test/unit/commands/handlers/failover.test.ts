import { blockById, buttonsOf, textOf } from '../../views/block-queries.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam failover', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig(0);
    rig.sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'DR Plan East',
      state: 'Working',
      tasks: [{ vmName: 'erp01', state: 'Working' }],
    });
    rig.sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'DR Plan West',
      state: 'Stopped',
      result: 'Success',
    });
  });
  afterAll(() => rig.stop());

  it('lists failover sessions, the running one first', async () => {
    const text = visibleText(await rig.run('failover'));
    expect(text).toContain('DR Plan East');
    expect(text).toContain('DR Plan West');
    expect(text.indexOf('DR Plan East')).toBeLessThan(text.indexOf('DR Plan West'));
  });

  it('shows one plan’s sessions with their VMs', async () => {
    const reply = await rig.run('failover dr plan east');
    expect(visibleText(reply)).toContain('Cloud failover: DR Plan East');
    expect(visibleText(reply)).toContain('erp01');
    expect(visibleText(reply)).not.toContain('DR Plan West');
  });

  it('suggests plans for a miss; the button shows that plan', async () => {
    const reply = await rig.run('failover DR Plan Eats');
    expect(textOf(blockById(reply, 'intro'))).toMatch(/^No failover plan named/);
    const index = buttonsOf(reply).findIndex((b) => b.text.text.startsWith('DR Plan East'));
    expect(visibleText(await rig.pick(reply, index))).toContain('erp01');
  });
});
