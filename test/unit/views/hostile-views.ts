import { COMMANDS } from '../../../src/commands/registry.js';
import type { CdpReplicaSession, CloudFailoverSession, TaskSession } from '../../../src/em/types.js';
import type { SlackMessage } from '../../../src/views/format/block-kit.js';
import { buildAlertView } from '../../../src/views/alert-view.js';
import { buildCdpView } from '../../../src/views/cdp-view.js';
import { buildErrorView } from '../../../src/views/error-view.js';
import { buildFailoverAnnouncementView } from '../../../src/views/failover-announcement-view.js';
import { buildFailoverView } from '../../../src/views/failover-view.js';
import { buildHelpView } from '../../../src/views/help-view.js';
import { buildOutageRecoveredView, buildOutageView } from '../../../src/views/outage-view.js';
import { buildProblemsView } from '../../../src/views/problems-view.js';
import { buildRecoveredReplyView, buildRetryReplyView } from '../../../src/views/reply-views.js';
import { buildSessionListView } from '../../../src/views/session-list-view.js';
import { buildSessionView } from '../../../src/views/session-view.js';
import { buildStormSummaryView } from '../../../src/views/storm-summary-view.js';
import { buildSubscriptionsView } from '../../../src/views/subscriptions-view.js';
import { buildSuggestionsView } from '../../../src/views/suggestions-view.js';
import { buildTaskSessionView } from '../../../src/views/task-session-view.js';
import { buildVmView } from '../../../src/views/vm-view.js';
import { buildTaskAlertView } from '../../../src/views/task-alert-view.js';
import { renderAlert } from '../../../src/watcher/alert-messages.js';
import { subjectOfCdpTask } from '../../../src/watcher/alert-subject.js';
import { buildTaskSession } from '../../helpers/build-session.js';
import { EVIL, evilSessions, evilTasks, manyEvilSessions } from './hostile-data.js';

/** The time every hostile view is rendered at. */
export const now = new Date('2025-09-25T03:00:00Z');
const [job, cdp, failover] = evilSessions() as [TaskSession & never, CdpReplicaSession, CloudFailoverSession];
const tasks = evilTasks();
const failedTask = { ...(tasks[0] as TaskSession), result: 'Failed' };
const warningTask = { ...(tasks[1] as TaskSession), result: 'Warning' };
const many = manyEvilSessions();
const share = `status ${EVIL.name}`;
/** The configured mention the alert views put first. */
export const mention = '<!subteam^S0123>';

/** Every view, built from hostile EM data: long names, mentions, links, 500 tasks, 200 links. */
export const hostileViews: Array<[string, () => SlackMessage]> = [
  [
    'session',
    () => buildSessionView(job, { tasks, emWebUrl: 'https://em.example.local/', shareCommand: share }),
  ],
  ['session (cdp)', () => buildSessionView(cdp, { tasks, shareCommand: share })],
  ['session (failover)', () => buildSessionView(failover, { tasks })],
  ['task session', () => buildTaskSessionView(tasks[0] as TaskSession, { shareCommand: share })],
  [
    'session list',
    () =>
      buildSessionListView(EVIL.name, many, {
        tasksBySession: new Map(many.map((s) => [s.uid, tasks])),
        shareCommand: share,
        emptyText: EVIL.vm,
      }),
  ],
  ['session list (empty)', () => buildSessionListView(EVIL.long, [], { emptyText: EVIL.name })],
  [
    'vm',
    () =>
      buildVmView(
        EVIL.vm,
        tasks.map((task) => ({ task, jobName: EVIL.name })),
        { shareCommand: share },
      ),
  ],
  ['failover', () => buildFailoverView([failover, failover, failover], { now, shareCommand: share })],
  ['failover (following)', () => buildFailoverView([failover], { now, following: true })],
  ['cdp', () => buildCdpView([cdp, cdp], new Map([[cdp.uid, tasks]]), { shareCommand: share })],
  ['problems', () => buildProblemsView(EVIL.name, many, { now, window: EVIL.vm, shareCommand: share })],
  ['help', () => buildHelpView(COMMANDS)],
  [
    'suggestions',
    () =>
      buildSuggestionsView(
        EVIL.long,
        many.map((s) => ({ name: s.jobName, kind: 'job' as const, command: `status ${s.jobName}` })),
      ),
  ],
  ['error', () => buildErrorView(`${EVIL.reason} ${EVIL.long}`, { usage: COMMANDS })],
  [
    'alert',
    () =>
      buildAlertView(job, {
        tasks,
        mention,
        incident: { failures: 3, retries: 2, lastResult: EVIL.vm },
        emWebUrl: 'https://em/',
        now,
      }),
  ],
  [
    'alert (recovered)',
    () => buildAlertView(cdp, { tasks, incident: { failures: 1, retries: 0, recoveredAt: now }, now }),
  ],
  ['task alert', () => buildTaskAlertView(failedTask, { policyName: EVIL.name, mention, now })],
  [
    'cdp task alert (watcher, warning mention)',
    () =>
      renderAlert(subjectOfCdpTask(warningTask), [], {
        mentionFailed: mention,
        mentionWarning: mention,
        emWebUrl: undefined,
        now: now.getTime(),
      }),
  ],
  [
    'cdp task alert (watcher, plain)',
    () =>
      renderAlert(
        subjectOfCdpTask(buildTaskSession({ kind: 'CdpReplicaTaskSession', result: 'Failed' })),
        [],
        {
          mentionFailed: mention,
          mentionWarning: undefined,
          emWebUrl: undefined,
          now: now.getTime(),
        },
      ),
  ],
  ['retry reply', () => buildRetryReplyView(job, tasks)],
  ['recovered reply', () => buildRecoveredReplyView(job)],
  ['failover announcement', () => buildFailoverAnnouncementView(failover, { now })],
  ['storm summary', () => buildStormSummaryView(many, { channelTotal: 1000, now })],
  ['outage', () => buildOutageView({ since: now, lastError: `${EVIL.reason} ${EVIL.long}` })],
  [
    'outage recovered',
    () => buildOutageRecoveredView({ since: now, until: new Date(now.getTime() + 60_000) }),
  ],
  [
    'subscriptions',
    () =>
      buildSubscriptionsView(
        Array.from({ length: 300 }, (_, i) => ({
          index: i + 1,
          type: EVIL.vm,
          job: EVIL.long,
          server: EVIL.name,
          level: 'warning' as const,
        })),
        Array.from({ length: 300 }, () => ({ job: EVIL.name, until: new Date(now.getTime() + 3_600_000) })),
        { now },
      ),
  ],
];
