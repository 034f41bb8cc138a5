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

  it('has a "newest restore point" line with each point’s age and job, names escaped', () => {
    const now = new Date('2025-10-12T23:06:09Z');
    const point = (kind: 'VmRestorePoint' | 'VmReplicaPoint', at: string, job: string) => ({
      kind,
      vmName: 'AnT_VM2',
      href: `https://em/${kind}/1`,
      name: 'AnT_VM2',
      uid: `urn:${kind}:1`,
      id: '1',
      type: kind,
      links: [],
      creationTime: new Date(at),
      pointType: undefined,
      algorithm: undefined,
      pointKind: undefined,
      hierarchyObjRef: undefined,
      restorePoint: undefined,
      backup: { rel: 'Up', href: 'https://em/backups/1', name: job, type: 'Backup' },
    });
    const view = buildVmView('AnT_VM2', [], {
      now,
      newest: {
        backup: point('VmRestorePoint', '2025-10-12T20:06:09Z', 'Nightly <b>ackup*'),
        replica: point('VmReplicaPoint', '2025-10-10T23:06:09Z', 'DR replica'),
      },
    });
    const line = textOf(blockById(view, 'newest-point'));
    expect(line).toMatch(/^:floppy_disk: Newest restore point: backup <!date\^\d+\^/);
    expect(line).toContain('(3h old) by `Nightly &lt;b&gt;ackup*`');
    expect(line).toContain(' · replica ');
    expect(line).toContain('(2d old) by *DR replica*');
  });

  it('says when the VM has no restore point at all', () => {
    const view = buildVmView('ghost', [], { newest: { backup: undefined, replica: undefined } });
    expect(textOf(blockById(view, 'newest-point'))).toBe(':floppy_disk: Newest restore point: none');
  });
});
