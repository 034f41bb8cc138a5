import type { CdpReplicaSession, Session } from '../em/types.js';
import { buildStormSummaryView } from '../views/storm-summary-view.js';
import { alertTasks, renderAlert } from './alert-messages.js';
import type { AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import { messageOptions, type DeliveryDeps } from './deliver.js';

/** How many alerts of a storm get their full view in the summary's thread; the rest are in `/veeam failures`. */
export const STORM_DETAILS_CAP = 20;

/**
 * One summary message for a storm (counts by job and result, worst first), then the worst alerts in its
 * thread. The whole batch is one pending-then-sent unit keyed by a batch id in the summary's metadata.
 */
export async function postStorm(
  channel: string,
  alerts: PlannedAlert[],
  deps: DeliveryDeps,
): Promise<number> {
  const batch = `batch:${deps.now()}:${alerts[0]?.subject.uid ?? ''}`;
  for (const { record } of alerts) record.batch = batch;
  await deps.persist();
  const summary = buildStormSummaryView(
    alerts.map((a) => summarySession(a.subject)),
    {
      channelTotal: alerts.length,
      now: new Date(deps.now()),
    },
  );
  const { ts } = await deps.chat.post({
    channel,
    ...summary,
    metadata: { eventType: 'veeam_alert', key: batch },
  });
  for (const { record } of alerts) {
    record.status = 'sent';
    record.ts = ts;
  }
  await deps.persist();
  const worstFirst = [...alerts].sort(
    (a, b) => rank(b.subject.result) - rank(a.subject.result) || a.subject.endedAt - b.subject.endedAt,
  );
  for (const { subject } of worstFirst.slice(0, STORM_DETAILS_CAP)) {
    try {
      const tasks = await alertTasks(deps.client, subject).catch(() => []);
      await deps.chat.post({ channel, threadTs: ts, ...renderAlert(subject, tasks, messageOptions(deps)) });
    } catch (error) {
      // Details are a courtesy: the summary already counted this alert, so a failure here loses nothing.
      deps.logger.warn({ channel, uid: subject.uid, err: String(error) }, 'could not post a storm detail');
    }
  }
  return alerts.length;
}

const rank = (result: string): number => (result === 'Failed' ? 2 : result === 'Warning' ? 1 : 0);

/** The summary counts sessions by job; a CDP task counts under its policy. */
function summarySession(subject: AlertSubject): Session {
  if (subject.session) return subject.session;
  const task = subject.task;
  const cdp: CdpReplicaSession = {
    kind: 'CdpReplicaSession',
    uid: subject.uid,
    id: task?.id ?? '',
    name: task?.name ?? subject.jobName,
    href: task?.href ?? '',
    type: 'CdpReplicaTaskSession',
    links: task?.links ?? [],
    jobName: subject.jobName,
    jobUid: undefined,
    jobType: 'CdpReplica',
    creationTime: task?.creationTime,
    endTime: task?.endTime,
    state: task?.state ?? 'Stopped',
    result: subject.result,
    progress: undefined,
    isRetry: false,
    failureMessage: task?.reason,
  };
  return cdp;
}
