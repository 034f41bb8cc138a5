import { buildAlertView, incidentText } from '../../../src/views/alert-view.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');
const tasks = [
  buildTaskSession({ vmName: 'db01', result: 'Failed', reason: 'Snapshot failed' }),
  buildTaskSession({ vmName: 'web01', result: 'Warning', reason: 'CBT reset' }),
  buildTaskSession(),
];

describe('buildAlertView', () => {
  it('puts the mention first on a Failed alert, then the session with its problem VMs', () => {
    const view = buildAlertView(buildJobSession({ result: 'Failed' }), {
      tasks,
      mention: '<!subteam^S0123>',
      now,
    });
    expect(view.blocks[0]?.block_id).toBe('mention');
    expect(textOf(blockById(view, 'mention'))).toBe('<!subteam^S0123>');
    expect(textOf(blockById(view, 'header'))).toBe(':x: Backup Job 3@2025-09-24 20:00:09');
    expect(view.text).toMatch(/^<!subteam\^S0123> /);
    expect(textOf(blockById(view, 'tasks'))).toContain(':x: *db01* — Snapshot failed');
    expect(textOf(blockById(view, 'tasks'))).toContain(':warning: *web01* — CBT reset');
  });

  it('mentions no one when no mention is given', () => {
    const view = buildAlertView(buildJobSession({ result: 'Failed' }), { tasks, now });
    expect(view.blocks.some((b) => b.block_id === 'mention')).toBe(false);
    expect(view.text).not.toContain('subteam');
  });

  it('says the header line once, with or without a mention', () => {
    const session = buildJobSession({ result: 'Warning' });
    for (const mention of [undefined, '<!here>']) {
      const view = buildAlertView(session, { tasks, now, ...(mention ? { mention } : {}) });
      const withName = view.blocks.filter((b) => textOf(b).includes(session.name));
      expect(withName.map((b) => b.block_id)).toEqual(['header', 'uid']);
    }
  });

  it('shows the incident right under the header', () => {
    const view = buildAlertView(buildJobSession({ result: 'Failed' }), {
      tasks,
      incident: { failures: 3, retries: 2 },
      now,
    });
    expect(view.blocks[1]?.block_id).toBe('incident');
    expect(textOf(blockById(view, 'incident'))).toBe('failed, retry 2 also failed');
  });

  it('offers Open in Enterprise Manager when the address is known', () => {
    const view = buildAlertView(buildJobSession({ result: 'Failed' }), {
      tasks,
      emWebUrl: 'https://em/',
      now,
    });
    expect(buttonsOf(view).some((b) => b.url === 'https://em/')).toBe(true);
  });
});

describe('incidentText', () => {
  it.each([
    [{ failures: 1, retries: 0 }, undefined],
    [{ failures: 3, retries: 0 }, 'failed 3 times in a row'],
    [{ failures: 2, retries: 1, lastResult: 'Warning' }, 'failed, retry 1 also warning'],
    [
      { failures: 2, retries: 1, recoveredAt: now },
      expect.stringMatching(/^:white_check_mark: recovered at <!date\^/),
    ],
  ])('says %j as %p', (incident, expected) => {
    expect(incidentText(incident)).toEqual(expected);
  });
});
