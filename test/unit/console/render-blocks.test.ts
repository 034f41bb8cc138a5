import { renderBlocks } from '../../../src/console/render-blocks.js';
import { renderMrkdwn } from '../../../src/console/render-mrkdwn.js';
import { buildSessionView } from '../../../src/views/session-view.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[/;

describe('renderBlocks', () => {
  const session = buildJobSession({ result: 'Failed', failureMessage: 'VM <!channel> & co failed' });
  const tasks = [
    buildTaskSession({ vmName: 'db01', result: 'Failed', reason: 'see <https://evil.example|click>' }),
  ];
  const message = buildSessionView(session, {
    tasks,
    emWebUrl: 'https://em.example.local/',
    shareCommand: 'status x',
  });

  it('turns a session view into readable text without ANSI codes when colour is off', () => {
    const { text } = renderBlocks(message, { color: false });
    expect(text).not.toMatch(ANSI);
    const lines = text.split('\n');
    expect(lines[0]).toBe('❌ Backup Job 3@2025-09-24 20:00:09');
    expect(lines[1]).toMatch(/^=+$/);
    expect(text).toContain('Job: Backup Job 3');
    expect(text).toContain('Start: 2025-09-24 20:00 UTC');
    expect(text).toContain('🚨 Failure: VM <!channel> & co failed');
    expect(text).toContain('❌ db01 — see <https://evil.example|click>');
    expect(text).toContain('[1] Job  [2] Backup server  [3] Task sessions');
  });

  it('lists the buttons numbered from 1 with their action ids, values and urls', () => {
    const { buttons } = renderBlocks(message, { color: false });
    expect(buttons.map((b) => b.label)).toEqual([
      'Job',
      'Backup server',
      'Task sessions',
      'Open in Enterprise Manager',
      'Share in channel',
    ]);
    expect(buttons[0]).toMatchObject({
      actionId: 'em_follow_link:0',
      value: expect.stringContaining('/jobs/'),
    });
    expect(buttons[3]).toMatchObject({ actionId: 'open_in_em:3', url: 'https://em.example.local/' });
  });

  it('uses bold, underline and dim when colour is on', () => {
    const { text } = renderBlocks(message, { color: true });
    expect(text).toContain('\x1b[1m\x1b[4m❌ Backup Job 3@2025-09-24 20:00:09\x1b[24m\x1b[22m');
    expect(text).toContain('\x1b[1mdb01\x1b[22m');
    // eslint-disable-next-line no-control-regex
    expect(text).toMatch(/\x1b\[2m.*UID/);
  });

  it('renders dividers and plain text messages, and wraps to the width', () => {
    const { text } = renderBlocks({ text: 'x', blocks: [{ type: 'divider' }] }, { color: false, width: 10 });
    expect(text).toBe('─'.repeat(10));
    expect(renderBlocks({ text: 'one two three four' }, { color: false, width: 8 }).text).toBe(
      'one two\nthree\nfour',
    );
  });

  it('drops control characters an EM string could use to repaint the terminal', () => {
    const { text } = renderBlocks({ text: 'vm\x1b[31mred' }, { color: false });
    expect(text).toBe('vm[31mred');
  });
});

describe('renderMrkdwn', () => {
  it.each([
    ['*bold* text', 'bold text'],
    ['&lt;!channel&gt; &amp;lt;', '<!channel> &lt;'],
    ['at <!date^1758744009^{date_short_pretty} {time}|2025-09-24 20:00 UTC>', 'at 2025-09-24 20:00 UTC'],
    ['<https://em.example.local/|Open>', 'Open (https://em.example.local/)'],
    ['<https://em.example.local/>', 'https://em.example.local/'],
    ['<!subteam^S1|@oncall> <!here> <@U1>', '@oncall @here @U1'],
    [':white_check_mark: ok', '✅ ok'],
    [':shield: 1 job missed its run', '🛡️ 1 job missed its run'],
    [':raising_hand: claimed · :zzz: snoozed', '🙋 claimed · 💤 snoozed'],
    [':red_circle: Repo 1 · :large_orange_circle: Repo 2', '🔴 Repo 1 · 🟠 Repo 2'],
    [':not_an_emoji: stays', ':not_an_emoji: stays'],
    ['`/veeam help`', '`/veeam help`'],
  ])('renders %s as %s without colour', (input, expected) => {
    expect(renderMrkdwn(input, false)).toBe(expected);
  });
});
