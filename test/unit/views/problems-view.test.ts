import { buildProblemsView } from '../../../src/views/problems-view.js';
import { buildJobSession } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');
const at = (hour: number): Date => new Date(Date.UTC(2025, 8, 24, hour));

describe('buildProblemsView', () => {
  it('groups by job, the failed jobs first, with counts per job', () => {
    const sessions = [
      buildJobSession({ jobName: 'Warn job', result: 'Warning', creationTime: at(22) }),
      buildJobSession({ jobName: 'Fail job', result: 'Warning', creationTime: at(20) }),
      buildJobSession({
        jobName: 'Fail job',
        result: 'Failed',
        creationTime: at(18),
        failureMessage: 'Disk full',
      }),
      buildJobSession({ jobName: 'Fail job', result: 'Failed', creationTime: at(21), isRetry: true }),
    ];
    const view = buildProblemsView('Failures', sessions, { now, window: '24h' });
    const first = textOf(blockById(view, 'item:job:0'));
    expect(first).toContain(':x: *Fail job* — 2 failed, 1 warning');
    expect(first.indexOf('retry')).toBeLessThan(first.indexOf('Disk full'));
    expect(textOf(blockById(view, 'item:job:1'))).toContain(':warning: *Warn job* — 1 warning');
    expect(textOf(blockById(view, 'summary'))).toContain('4 sessions in 2 jobs in the last 24h');
    expect(buttonsOf(view)[0]?.value).toBe(sessions[3]?.href);
  });

  it('shows progress for running sessions', () => {
    const running = buildJobSession({
      state: 'Working',
      result: 'None',
      endTime: undefined,
      progress: 70,
      creationTime: new Date('2025-09-25T02:00:00Z'),
    });
    const view = buildProblemsView('Running', [running], { now });
    expect(textOf(blockById(view, 'item:job:0'))).toContain('1 running');
    expect(textOf(blockById(view, 'item:job:0'))).toContain('▓▓▓▓▓▓▓░░░ 70% · 1h so far');
  });

  it('says all is well when there is nothing', () => {
    const view = buildProblemsView('Failures', [], { now, window: '24h' });
    expect(textOf(blockById(view, 'summary'))).toBe(':white_check_mark: Nothing to show in the last 24h.');
  });
});
