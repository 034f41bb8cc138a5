import type { CdpReplicaSession, TaskSession } from '../../../src/em/types.js';
import { buildAlertView } from '../../../src/views/alert-view.js';
import { buildErrorView } from '../../../src/views/error-view.js';
import { buildPlainTextFallback } from '../../../src/views/plain-text-fallback.js';
import { buildProblemsView } from '../../../src/views/problems-view.js';
import { buildSessionListView } from '../../../src/views/session-list-view.js';
import { buildSessionView } from '../../../src/views/session-view.js';
import { buildVmView } from '../../../src/views/vm-view.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';
import { expectNoInjectedMarkup, expectWithinLimits } from './block-queries.js';
import { evilSessions, evilTasks } from './hostile-data.js';
import { hostileViews as views, mention, now } from './hostile-views.js';

const [job] = evilSessions() as [TaskSession & never, CdpReplicaSession];
const tasks = evilTasks();

describe('every view with hostile input', () => {
  it.each(views)('%s stays within every Block Kit limit', (_name, build) => {
    expectWithinLimits(build());
  });

  it.each(views)('%s lets no EM or user string open a mention or link', (_name, build) => {
    expectNoInjectedMarkup(build(), [mention]);
  });

  it('fills blank EM strings so Slack gets no empty text', () => {
    const blank = buildJobSession({ name: ' ', jobName: '', state: '', result: '' });
    const views = [
      buildSessionView(blank, { tasks: [buildTaskSession({ vmName: ' ', reason: ' ', result: 'Failed' })] }),
      buildProblemsView(' ', [blank], { now }),
      buildSessionListView('', [blank]),
      buildVmView(' ', []),
      buildErrorView(' '),
    ];
    views.forEach(expectWithinLimits);
  });

  it('the plain-text fallback escapes and stays within 4000 characters', () => {
    const message = buildPlainTextFallback(job, tasks);
    expect(message.text.length).toBeLessThanOrEqual(4000);
    expect('blocks' in message).toBe(false);
    expectNoInjectedMarkup(message);
  });

  it('puts the configured mention, unescaped, only at the top of a Failed alert', () => {
    const alert = buildAlertView(job, { tasks, mention, now });
    expect(alert.blocks[0]?.block_id).toBe('mention');
    expect(alert.text.startsWith(mention)).toBe(true);
  });
});
