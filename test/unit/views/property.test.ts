import fc from 'fast-check';
import { buildAlertView } from '../../../src/views/alert-view.js';
import { buildPlainTextFallback } from '../../../src/views/plain-text-fallback.js';
import { buildProblemsView } from '../../../src/views/problems-view.js';
import { buildSessionListView } from '../../../src/views/session-list-view.js';
import { buildSessionView } from '../../../src/views/session-view.js';
import { buildVmView } from '../../../src/views/vm-view.js';
import { buildFailoverView } from '../../../src/views/failover-view.js';
import {
  buildFailoverSession,
  buildFailoverTask,
  buildJobSession,
  buildTaskSession,
} from '../../helpers/build-session.js';
import { expectNoInjectedMarkup, expectWithinLimits, mrkdwnTexts } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');
const fragments = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '<@U1>',
  '<#C1>',
  '<https://evil.example|click>',
  '&',
  '&lt;',
  '<',
  '>',
  '*',
  '`',
  '|',
);
/** Random EM strings: any unicode text mixed with Slack control fragments, sometimes very long. */
const emString = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fragments, fc.string({ maxLength: 3000 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
const result = fc.constantFrom('Success', 'Warning', 'Failed', 'None', '<!channel>');

const task = fc.record({ vmName: emString, reason: emString, result }).map((t) => buildTaskSession(t));
const session = fc
  .record({ name: emString, jobName: emString, failureMessage: emString, result, state: emString })
  .map((s) => buildJobSession(s));

describe('views with random EM strings', () => {
  it('never break a Block Kit limit nor produce a mention or link', () => {
    fc.assert(
      fc.property(session, fc.array(task, { maxLength: 60 }), (s, tasks) => {
        const views = [
          buildSessionView(s, { tasks, shareCommand: `status ${s.jobName}` }),
          buildAlertView(s, { tasks, now }),
          buildSessionListView(s.jobName, [s, s, s], { tasksBySession: new Map([[s.uid, tasks]]) }),
          buildVmView(
            s.name,
            tasks.map((t) => ({ task: t, jobName: s.jobName })),
            {},
          ),
          buildProblemsView(s.name, [s, { ...s, jobName: s.name }], { now }),
        ];
        for (const view of views) {
          expectWithinLimits(view);
          expectNoInjectedMarkup(view);
        }
        expectNoInjectedMarkup(buildPlainTextFallback(s, tasks));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps cloud failover VMs within the limits', () => {
    fc.assert(
      fc.property(
        emString,
        fc.array(fc.record({ vmName: emString, failureMessage: emString, state: emString }), {
          maxLength: 80,
        }),
        (plan, vms) => {
          const view = buildFailoverView(
            [buildFailoverSession({ name: plan, tasks: vms.map((v) => buildFailoverTask(v)) })],
            { now },
          );
          expectWithinLimits(view);
          expectNoInjectedMarkup(view);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the formatting characters of EM names literal (inside a code span, never inside our bold)', () => {
    const formatting = fc.constantFrom('*', '_', '~', '`', ' ', 'a', 'Z', '7', '\u202E', '\u200B');
    const name = fc.array(formatting, { minLength: 1, maxLength: 20 }).map((c) => `job${c.join('')}`);
    fc.assert(
      fc.property(name, name, (jobName, vmName) => {
        const s = buildJobSession({ name: jobName, jobName, result: 'Failed' });
        const tasks = [buildTaskSession({ vmName, result: 'Failed', reason: 'disk full' })];
        const views = [
          buildSessionView(s, { tasks }),
          buildSessionListView('Sessions', [s], { tasksBySession: new Map([[s.uid, tasks]]) }),
          buildProblemsView('Problems', [s], { now }),
          buildVmView('vm', [{ task: tasks[0] ?? buildTaskSession(), jobName }]),
          buildFailoverView(
            [buildFailoverSession({ name: jobName, tasks: [buildFailoverTask({ vmName })] })],
            { now },
          ),
        ];
        for (const view of views) for (const text of mrkdwnTexts(view)) expectLiteralNames(text, view.text);
      }),
      { numRuns: 200 },
    );
  });
});

/** Outside code spans, emoji codes and date tokens, no `_`, `~` or stray backtick is left, and `*` come in pairs. */
function expectLiteralNames(text: string, where = ''): void {
  const rest = text
    .replace(/<!date\^[^>]*>/g, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/:[a-z0-9_+-]+:/g, '');
  expect(rest).not.toMatch(/[_~`\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/);
  expect([where, text, (rest.match(/\*/g) ?? []).length % 2]).toEqual([where, text, 0]);
}
