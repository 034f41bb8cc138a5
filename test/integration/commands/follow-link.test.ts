import { startCommandRig, type CommandRig } from '../../helpers/command-rig.js';
import { followLink } from '../../../src/commands/actions.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import type { EmClient } from '../../../src/em/client.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { FOLLOW_LINK, actionIdMatcher } from '../../../src/views/ids.js';
import { blockById, buttonsOf, textOf } from '../../unit/views/block-queries.js';

import { START } from '../../helpers/time.js';

describe('followLink against the simulator', () => {
  let rig: CommandRig;
  let sim: RunningSimulator;
  let client: EmClient;
  let deps: CommandDeps;

  beforeAll(async () => {
    rig = await startCommandRig(0, { cachedCatalog: true });
    ({ sim, client, deps } = rig);
  });
  afterAll(() => rig.stop());

  it('`Task sessions` (a Down link answering EntityReferences) shows the tasks and their results', async () => {
    const created = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Nightly',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(START - 600_000).toISOString(),
      endTime: new Date(START - 60_000).toISOString(),
      tasks: [
        { vmName: 'db01', state: 'Completed', result: 'Failed', reason: 'Disk full' },
        { vmName: 'web01', state: 'Completed', result: 'Success' },
        { vmName: 'web02', state: 'Completed', result: 'Success' },
      ],
    });
    const document = await client.get(`${created.href.split('?')[0]}?format=Entity`);
    if (document.kind !== 'session') throw new Error('expected the session entity');
    const down = document.session.links.find((l) => l.rel === 'Down' && /TaskSession/.test(l.type ?? ''));

    const view = await followLink(down?.href ?? '', deps);

    expect(view.text).toBe('Task sessions: 3 task sessions');
    expect(textOf(blockById(view, 'tasks'))).toContain(':x: *db01* — Disk full');
    expect(textOf(blockById(view, 'tasks_others'))).toBe(':white_check_mark: 2 succeeded');
  });

  it('every link button of a session view, and of what it opens, answers with a view (no error)', async () => {
    const created = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Weekly',
      state: 'Stopped',
      result: 'Warning',
      creationTime: new Date(START - 600_000).toISOString(),
      endTime: new Date(START - 60_000).toISOString(),
      tasks: [{ vmName: 'app01', state: 'Completed', result: 'Warning', reason: 'Slow' }],
    });
    const session = await followLink(created.href, deps);
    const links = (view: typeof session) =>
      buttonsOf(view).filter((b) => actionIdMatcher(FOLLOW_LINK).test(b.action_id ?? ''));
    const labels = links(session).map((b) => b.text.text);
    expect(labels).toEqual(['Job', 'Backup server', 'Task sessions']);

    for (const button of links(session)) {
      const opened = await followLink(button.value ?? '', deps);
      expect(opened.blocks.map((b) => b.block_id)).not.toContain('error');
      for (const next of links(opened)) {
        const deeper = await followLink(next.value ?? '', deps);
        expect(deeper.blocks.map((b) => b.block_id)).not.toContain('error');
      }
    }
  });
});
