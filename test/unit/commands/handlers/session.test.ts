import { blockById, textOf } from '../../views/block-queries.js';
import { startCommandRig, visibleText, type CommandRig } from '../../../helpers/command-rig.js';

describe('/veeam session', () => {
  let rig: CommandRig;
  let created: { uid: string; id: string; href: string };
  beforeAll(async () => {
    rig = await startCommandRig(0);
    created = rig.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'SQL Nightly',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'sql01', result: 'Failed', reason: 'VSS error' }],
    });
  });
  afterAll(() => rig.stop());

  it.each([
    ['its UID', () => created.uid],
    ['its ID', () => created.id],
    ['its link, as Slack wraps it', () => `<${created.href}>`],
  ])('shows the session and its task sessions by %s', async (_how, identifier) => {
    const reply = await rig.run(`session ${identifier()}`);
    expect(visibleText(reply)).toContain('SQL Nightly');
    expect(visibleText(reply)).toContain('sql01');
  });

  it('says when EM has no such session, and asks for an identifier', async () => {
    const missing = await rig.run('session 00000000-0000-0000-0000-000000000000');
    expect(textOf(blockById(missing, 'error'))).toContain('no session with that identifier');
    expect(textOf(blockById(await rig.run('session'), 'error'))).toContain('Which session?');
    expect(textOf(blockById(await rig.run('session not-an-id'), 'error'))).toContain('Give a session UID');
  });
});
