import { buildVmView } from '../../../src/views/vm-view.js';
import { buildTaskSession } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

describe('buildVmView', () => {
  it('shows the newest task sessions of the VM with the job each belongs to', () => {
    const backup = buildTaskSession({ creationTime: new Date('2025-10-11T20:06:09Z') });
    const replica = buildTaskSession({
      kind: 'ReplicaTaskSession',
      creationTime: new Date('2025-10-12T20:06:09Z'),
      result: 'Failed',
      reason: 'Target datastore full',
    });
    const view = buildVmView('AnT_VM2', [
      { task: backup, jobName: 'Nightly backup' },
      { task: replica, jobName: 'DR replica' },
    ]);
    expect(textOf(blockById(view, 'header'))).toBe('VM AnT_VM2');
    const newest = textOf(blockById(view, 'item:task:0'));
    expect(newest).toContain(':x: *DR replica* (Replication) · Failed · Completed');
    expect(newest).toContain('> Target datastore full');
    expect(textOf(blockById(view, 'item:task:1'))).toContain('*Nightly backup* (Backup)');
    expect(buttonsOf(view).map((b) => b.value)).toEqual([replica.href, backup.href]);
  });

  it('says when the VM has no task sessions', () => {
    expect(textOf(blockById(buildVmView('ghost', []), 'empty'))).toBe('No task sessions found.');
  });
});
