import { buildCdpView } from '../../../src/views/cdp-view.js';
import { buildCdpSession, buildTaskSession } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

describe('buildCdpView', () => {
  it('puts a running policy whose VMs fail before a healthy one, with the problem VMs and a count of the rest', () => {
    const healthy = buildCdpSession({ jobName: 'Healthy policy' });
    const troubled = buildCdpSession({ jobName: 'Troubled policy' });
    const tasks = new Map([
      [
        healthy.uid,
        [
          buildTaskSession({
            kind: 'CdpReplicaTaskSession',
            state: 'InProgress',
            result: 'None',
            endTime: undefined,
          }),
        ],
      ],
      [
        troubled.uid,
        [
          buildTaskSession({
            kind: 'CdpReplicaTaskSession',
            vmName: 'sql01',
            result: 'Failed',
            reason: 'RPO violated',
          }),
          buildTaskSession({ kind: 'CdpReplicaTaskSession', vmName: 'app01' }),
        ],
      ],
    ]);
    const view = buildCdpView([healthy, troubled], tasks);
    const first = textOf(blockById(view, 'item:cdp:0'));
    expect(first).toContain('*Troubled policy*');
    expect(first).toContain(':x: *sql01* — RPO violated');
    expect(first).toContain(':white_check_mark: 1 succeeded');
    expect(textOf(blockById(view, 'item:cdp:1'))).toContain(':hourglass_flowing_sand: 1 running');
    expect(buttonsOf(view).map((b) => b.value)).toEqual([troubled.href, healthy.href]);
  });

  it('says when there is no CDP session', () => {
    expect(textOf(blockById(buildCdpView([], new Map()), 'empty'))).toBe('No CDP sessions found.');
  });
});
