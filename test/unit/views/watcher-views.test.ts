import { buildOutageRecoveredView, buildOutageView } from '../../../src/views/outage-view.js';
import { buildPlainTextFallback } from '../../../src/views/plain-text-fallback.js';
import { buildRecoveredReplyView, buildRetryReplyView } from '../../../src/views/reply-views.js';
import { buildStormSummaryView } from '../../../src/views/storm-summary-view.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';
import { blockById, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');

describe('buildRetryReplyView', () => {
  it('says how the retry went and which VMs still fail', () => {
    const retry = buildJobSession({ isRetry: true, result: 'Failed' });
    const view = buildRetryReplyView(retry, [
      buildTaskSession({ vmName: 'db01', result: 'Failed', reason: 'Still no snapshot' }),
    ]);
    expect(textOf(blockById(view, 'retry'))).toMatch(/^:repeat: Retry of \*Backup Job 3\*: :x: Failed/);
    expect(textOf(blockById(view, 'tasks'))).toContain('db01');
  });
});

describe('buildRecoveredReplyView', () => {
  it('says the job recovered and when', () => {
    const view = buildRecoveredReplyView(buildJobSession());
    expect(textOf(blockById(view, 'recovered'))).toMatch(
      /^:white_check_mark: \*Backup Job 3\* recovered: Success at <!date\^\d+\^/,
    );
  });
});

describe('buildStormSummaryView', () => {
  it('counts by job and result, the worst first, and points to /veeam failures', () => {
    const alerts = [
      buildJobSession({ jobName: 'A', result: 'Warning' }),
      buildJobSession({ jobName: 'B', result: 'Failed' }),
      buildJobSession({ jobName: 'B', result: 'Failed' }),
      buildJobSession({ jobName: 'B', result: 'Warning' }),
    ];
    const view = buildStormSummaryView(alerts, { channelTotal: 40, now });
    const lines = textOf(blockById(view, 'storm')).split('\n');
    expect(lines).toEqual([':x: *B* — 2 failed, 1 warning', ':warning: *A* — 1 warning']);
    expect(textOf(blockById(view, 'storm_hint'))).toContain('`/veeam failures 24h`');
    expect(textOf(blockById(view, 'storm_hint'))).toContain('40 alerts in this channel');
    expect(textOf(blockById(view, 'header'))).toBe(
      ':rotating_light: 4 alerts in 1 minute: 2 Failed, 2 Warning',
    );
  });
});

describe('outage views', () => {
  it('reports the outage once with the last error', () => {
    const view = buildOutageView({ since: now, lastError: 'connect ECONNREFUSED 10.0.0.5:9398' });
    expect(textOf(blockById(view, 'outage'))).toContain('Enterprise Manager is unreachable');
    expect(textOf(blockById(view, 'outage_error'))).toBe('Last error: connect ECONNREFUSED 10.0.0.5:9398');
  });

  it('reports the recovery with how long it lasted', () => {
    const view = buildOutageRecoveredView({ since: now, until: new Date(now.getTime() + 5_400_000) });
    expect(textOf(blockById(view, 'outage_recovered'))).toContain('1h 30m');
    expect(view.text).toBe(':white_check_mark: Enterprise Manager is reachable again after 1h 30m');
  });
});

describe('buildPlainTextFallback', () => {
  it('tells the whole alert in text, with plain UTC dates', () => {
    const session = buildJobSession({ result: 'Failed', failureMessage: 'Job failed' });
    const { text } = buildPlainTextFallback(session, [
      buildTaskSession({ vmName: 'db01', result: 'Failed', reason: 'No snapshot' }),
    ]);
    expect(text.split('\n')).toEqual([
      ':x: Backup Job 3@2025-09-24 20:00:09: Failed (Stopped)',
      'Job: Backup Job 3 · Backup server: enterprise01.tech.local',
      'Start 2025-09-24 20:00 UTC · End 2025-09-24 20:02 UTC · 2m 45s',
      'Failure: Job failed',
      'Failed and warning VMs (1):',
      ':x: *db01* — No snapshot',
    ]);
  });
});
