import { buildFailoverView } from '../../../src/views/failover-view.js';
import { buildFailoverAnnouncementView } from '../../../src/views/failover-announcement-view.js';
import { actionIdMatcher, FOLLOW_FAILOVER } from '../../../src/views/ids.js';
import { buildFailoverSession, buildFailoverTask } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

const now = new Date('2020-05-06T20:39:45.077Z');
const finished = buildFailoverSession({
  name: 'Old plan',
  creationTime: new Date('2020-05-07T00:00:00Z'),
  endTime: new Date('2020-05-07T00:10:00Z'),
  state: 'Stopped',
  result: 'Success',
  progress: 100,
  tasks: [buildFailoverTask({ state: 'Stopped', result: 'Success', progress: 100, endTime: new Date() })],
});

describe('buildFailoverView', () => {
  it('puts running sessions first with a bar per session and per VM, and a Follow button', () => {
    const running = buildFailoverSession();
    const view = buildFailoverView([finished, running], { now });
    const first = textOf(blockById(view, 'item:failover:0'));
    expect(first).toContain('*ABC Company Failover Plan*');
    expect(first).toContain('▓▓░░░░░░░░ 20%');
    expect(first).toContain('*filesrv03* ▓▓▓▓░░░░░░ 40% · Working');
    expect(first).toContain('10m so far');
    const buttons = buttonsOf(view);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]?.value).toBe(running.href);
    expect(buttons[0]?.action_id).toMatch(actionIdMatcher(FOLLOW_FAILOVER));
  });

  it('drops the Follow buttons while following and says whether it is still live', () => {
    const live = buildFailoverView([buildFailoverSession()], { now, following: true });
    expect(buttonsOf(live)).toHaveLength(0);
    expect(textOf(blockById(live, 'following'))).toMatch(/^Updating live…/);
    expect(textOf(blockById(buildFailoverView([finished], { now, following: true }), 'following'))).toMatch(
      /^Finished/,
    );
  });
});

describe('buildFailoverAnnouncementView', () => {
  it('announces a started failover with its progress', () => {
    const view = buildFailoverAnnouncementView(buildFailoverSession(), { now });
    expect(textOf(blockById(view, 'header'))).toBe(
      ':rotating_light: Cloud failover started: ABC Company Failover Plan',
    );
    expect(textOf(blockById(view, 'failover'))).toContain('filesrv04');
    expect(textOf(blockById(view, 'following'))).toMatch(/^Updating live…/);
    expect(view.text).toContain('20%');
  });

  it('says finished, with the result, once it ends', () => {
    const view = buildFailoverAnnouncementView(finished, { now });
    expect(textOf(blockById(view, 'header'))).toBe(':white_check_mark: Cloud failover finished: Old plan');
  });
});

describe('a live failover with many VMs', () => {
  const now = new Date('2020-05-06T20:40:00Z');
  const vms = (failed: number) =>
    Array.from({ length: 300 }, (_, i) =>
      buildFailoverTask({
        vmName: `vm${i}`,
        ...(i % 10 === 9 && i < failed * 10
          ? { result: 'Failed', state: 'Stopped', failureMessage: 'No replica' }
          : {}),
      }),
    );
  const lines = (failed: number) => {
    const view = buildFailoverView([buildFailoverSession({ tasks: vms(failed) })], { now, following: true });
    return textOf(blockById(view, 'item:failover:0')).split('\n');
  };

  it('lists the failed VMs first and counts the failed among the hidden ones', () => {
    const shown = lines(30);
    const more = shown[shown.length - 1] ?? '';
    const visibleFailed = shown.filter((l) => l.startsWith(':x: ')).length;
    const [, hidden, hiddenFailed] = /^…and (\d+) more, (\d+) of them failed$/.exec(more) ?? [];
    expect(visibleFailed).toBeGreaterThan(2);
    expect(shown.slice(2, 2 + visibleFailed).every((l) => l.startsWith(':x: '))).toBe(true);
    expect(Number(hiddenFailed) + visibleFailed).toBe(30);
    expect(Number(hidden) + shown.filter((l) => / · /.test(l) && /vm\d+/.test(l)).length).toBe(300);
  });

  it('says `0 failed` when every failure is visible', () => {
    const shown = lines(3);
    expect(shown[shown.length - 1]).toMatch(/^…and \d+ more, 0 failed$/);
    expect(shown.filter((l) => l.startsWith(':x: '))).toHaveLength(3);
  });
});
