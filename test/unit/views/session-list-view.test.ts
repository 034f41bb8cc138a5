import { buildSessionListView } from '../../../src/views/session-list-view.js';
import { actionIdMatcher, FOLLOW_LINK } from '../../../src/views/ids.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';
import { blockById, blocksOfType, buttonsOf, textOf } from './block-queries.js';

const at = (iso: string): Date => new Date(iso);

describe('buildSessionListView', () => {
  it('shows one section per session, newest first, each with a Details button to its href', () => {
    const older = buildJobSession({
      name: 'Job@old',
      creationTime: at('2025-09-23T20:00:00Z'),
      result: 'Failed',
    });
    const newer = buildJobSession({ name: 'Job@new', creationTime: at('2025-09-24T20:00:00Z') });
    const view = buildSessionListView('Backup Job 3', [older, newer]);
    expect(textOf(blockById(view, 'header'))).toBe('Backup Job 3');
    const first = textOf(blockById(view, 'item:session:0'));
    expect(first).toContain(':white_check_mark: *Job@new* · Success · Stopped');
    expect(first).toContain('2m 55s');
    expect(textOf(blockById(view, 'item:session:1'))).toContain(':x: *Job@old* · Failed');
    const buttons = buttonsOf(view);
    expect(buttons.map((b) => b.value)).toEqual([newer.href, older.href]);
    expect(buttons[0]?.action_id).toMatch(actionIdMatcher(FOLLOW_LINK));
  });

  it('lists the failed and warning VMs with reasons under their session', () => {
    const session = buildJobSession({ result: 'Warning' });
    const tasks = [
      buildTaskSession({ vmName: 'web01', result: 'Warning', reason: 'Low space' }),
      buildTaskSession(),
    ];
    const view = buildSessionListView('Job', [session], { tasksBySession: new Map([[session.uid, tasks]]) });
    expect(textOf(blockById(view, 'item:session:0'))).toContain(':warning: *web01* — Low space');
  });

  it('shows a progress bar for a running session', () => {
    const running = buildJobSession({ state: 'Working', result: 'None', endTime: undefined, progress: 30 });
    const view = buildSessionListView('Job', [running], { now: at('2025-09-24T20:10:09.607Z') });
    expect(textOf(blockById(view, 'item:session:0'))).toContain('▓▓▓░░░░░░░ 30%');
    expect(textOf(blockById(view, 'item:session:0'))).toContain('10m so far');
  });

  it('says so when there is nothing, and offers sharing', () => {
    const view = buildSessionListView('Job', [], {
      emptyText: 'No sessions of Job in 30 days.',
      shareCommand: 'status Job',
    });
    expect(textOf(blockById(view, 'empty'))).toBe('No sessions of Job in 30 days.');
    expect(buttonsOf(view).map((b) => b.value)).toEqual(['status Job']);
  });

  it('keeps 200 sessions within 50 blocks and counts the older ones left out', () => {
    const sessions = Array.from({ length: 200 }, (_, i) =>
      buildJobSession({ creationTime: new Date(Date.UTC(2025, 0, 1, 0, i)) }),
    );
    const view = buildSessionListView('Job', sessions, { shareCommand: 'status Job' });
    expect(view.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(blockById(view, 'more'))).toMatch(/^…and \d+ older sessions$/);
    expect(blocksOfType(view, 'actions')).toHaveLength(1);
  });
});
