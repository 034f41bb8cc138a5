import { buildTaskSessionView } from '../../../src/views/task-session-view.js';
import { buildTaskSession } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

describe('buildTaskSessionView', () => {
  it('shows the VM, its result, reason, times and size', () => {
    const task = buildTaskSession({ result: 'Failed', reason: 'Cannot create snapshot', state: 'Completed' });
    const view = buildTaskSessionView(task);
    expect(textOf(blockById(view, 'header'))).toBe(':x: AnT_VM2');
    const fields = textOf(blockById(view, 'fields'));
    expect(fields).toContain('*VM*\n`AnT_VM2`');
    expect(fields).toContain('*Result*\n:x: Failed');
    expect(fields).toContain('*State*\nCompleted');
    expect(fields).toContain('*Size*\n12.0 GB');
    expect(fields).toContain('*Duration*\n1m');
    expect(textOf(blockById(view, 'reason'))).toContain('Cannot create snapshot');
  });

  it('has buttons for its Up links: the parent session and the backup server, named in the fields', () => {
    const view = buildTaskSessionView(buildTaskSession());
    expect(buttonsOf(view).map((b) => b.text.text)).toEqual(['Session', 'Backup server']);
    const fields = textOf(blockById(view, 'fields'));
    expect(fields).toContain('*Session*\nBackup Job 3@2025-10-11 20:00:04');
    expect(fields).toContain('*Backup server*\nenterprise01.tech.local');
  });
});
