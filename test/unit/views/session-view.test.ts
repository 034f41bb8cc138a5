import { buildSessionView } from '../../../src/views/session-view.js';
import { actionIdMatcher, FOLLOW_LINK, OPEN_IN_EM, SHARE_IN_CHANNEL } from '../../../src/views/ids.js';
import {
  buildCdpSession,
  buildFailoverSession,
  buildFailoverTask,
  buildJobSession,
  buildTaskSession,
} from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

describe('buildSessionView', () => {
  it('heads with the result emoji and the session name, with the facts as fields', () => {
    const view = buildSessionView(buildJobSession({ result: 'Failed' }));
    expect(textOf(blockById(view, 'header'))).toBe(':x: Backup Job 3@2025-09-24 20:00:09');
    const fields = textOf(blockById(view, 'fields'));
    expect(fields).toContain('*Job*\nBackup Job 3');
    expect(fields).toContain('*Type*\nBackup');
    expect(fields).toContain('*State*\nStopped');
    expect(fields).toContain('*Result*\n:x: Failed');
    expect(fields).toContain('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(fields).toContain('*Start*\n<!date^1758744009^');
    expect(fields).toContain('*Duration*\n2m 45s');
    expect(fields).toContain('*Backup server*\nenterprise01.tech.local');
    expect(view.text).toBe(':x: Backup Job 3@2025-09-24 20:00:09: Failed');
  });

  it('lists the failed VMs before the warnings, then counts the successful ones', () => {
    const tasks = [
      buildTaskSession({ vmName: 'web01', result: 'Warning', reason: 'CBT was reset' }),
      buildTaskSession({ vmName: 'db01', result: 'Failed', reason: 'Snapshot failed' }),
      buildTaskSession({ vmName: 'ok01' }),
      buildTaskSession({ vmName: 'ok02' }),
    ];
    const view = buildSessionView(buildJobSession({ result: 'Failed', failureMessage: 'One VM failed' }), {
      tasks,
    });
    const list = textOf(blockById(view, 'tasks'));
    expect(list).toContain('(2 of 4)');
    expect(list.indexOf('db01')).toBeLessThan(list.indexOf('web01'));
    expect(list).toContain(':x: *db01* — Snapshot failed');
    expect(textOf(blockById(view, 'tasks_others'))).toContain('2 succeeded');
    expect(textOf(blockById(view, 'failure'))).toContain('One VM failed');
  });

  it('turns Up and Down links into follow buttons, plus Open in EM and Share', () => {
    const session = buildJobSession();
    const view = buildSessionView(session, {
      emWebUrl: 'https://em.example.local/',
      shareCommand: 'status Backup Job 3',
    });
    const buttons = buttonsOf(view);
    expect(buttons.map((b) => b.text.text)).toEqual([
      'Job',
      'Backup server',
      'Task sessions',
      'Open in Enterprise Manager',
      'Share in channel',
    ]);
    expect(buttons[0]?.action_id).toMatch(actionIdMatcher(FOLLOW_LINK));
    expect(buttons[2]?.value).toBe(session.links.find((l) => l.rel === 'Down')?.href);
    expect(buttons[3]?.action_id).toMatch(actionIdMatcher(OPEN_IN_EM));
    expect(buttons[3]?.url).toBe('https://em.example.local/');
    expect(buttons[4]).toMatchObject({ value: 'status Backup Job 3' });
    expect(buttons[4]?.action_id).toMatch(actionIdMatcher(SHARE_IN_CHANNEL));
  });

  it('ends with the session UID', () => {
    const session = buildJobSession();
    expect(textOf(blockById(buildSessionView(session), 'uid'))).toContain(session.uid);
  });

  it('names the policy of a CDP session and shows a running one as running', () => {
    const view = buildSessionView(buildCdpSession(), { now: new Date('2021-02-11T20:08:36.123Z') });
    const fields = textOf(blockById(view, 'fields'));
    expect(fields).toContain('*Policy*\nCDP Policy 1');
    expect(fields).toContain(':hourglass_flowing_sand: Running');
    expect(fields).toContain('*End*\nrunning');
    expect(fields).toContain('1h so far');
    expect(buttonsOf(view).map((b) => b.text.text)).toContain('CDP policy');
  });

  it('shows each VM of a cloud failover with a progress bar, failed first', () => {
    const session = buildFailoverSession({
      tasks: [
        buildFailoverTask({ vmName: 'ok', progress: 60 }),
        buildFailoverTask({
          vmName: 'bad',
          result: 'Failed',
          endTime: new Date(),
          failureMessage: 'No network',
        }),
      ],
    });
    const vms = textOf(blockById(buildSessionView(session), 'failover_tasks'));
    expect(vms).toContain('VMs (2)');
    expect(vms.indexOf('bad')).toBeLessThan(vms.indexOf('ok'));
    expect(vms).toContain('▓▓▓▓▓▓░░░░ 60%');
    expect(vms).toContain('No network');
  });

  it('shows 500 VMs as a readable list with the rest counted', () => {
    const tasks = Array.from({ length: 500 }, (_, i) =>
      buildTaskSession({ vmName: `vm${i}`, result: 'Failed', reason: 'r'.repeat(100) }),
    );
    const list = textOf(blockById(buildSessionView(buildJobSession(), { tasks }), 'tasks'));
    expect(list).toMatch(/…and \d+ more$/);
    expect(list).toContain('vm0');
  });
});
