import type { CdpReplicaSession, Session } from '../em/types.js';
import { buildStormSummaryView } from '../views/storm-summary-view.js';
import { alertMessageOptions, alertTasks, renderAlert } from './alert-messages.js';
import type { AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';
import { claimableStorm, recordStorm } from './storm-claims.js';
import { STORM_DETAILS_CAP, postStormDetails, stormMention } from './storm-thread.js';

export { STORM_DETAILS_CAP } from './storm-thread.js';

/**
 * One summary message for a storm (counts by job and result, worst first), then the worst alerts in its
 * thread. The whole batch is one pending-then-sent unit keyed by a batch id in the summary's metadata. The
 * summary is what people see, so it carries the mention and a Claim button; the thread replies do not ping again.
 */
export async function postStorm(ctx: PollContext, channel: string, alerts: PlannedAlert[]): Promise<number> {
  const batch = `batch:${ctx.now()}:${alerts[0]?.subject.uid ?? ''}`;
  const summary = buildStormSummaryView(
    alerts.map((a) => summarySession(a.subject)),
    {
      channelTotal: alerts.length,
      now: new Date(ctx.now()),
      mention: stormMention(
        ctx.config,
        alerts.map((a) => a.subject.result),
      ),
    },
  );
  const { ts } = await postRecorded(
    ctx,
    {
      channel,
      ...claimableStorm(batch, channel, summary),
      metadata: { eventType: 'veeam_alert', key: batch },
    },
    {
      pending: () => {
        for (const { record } of alerts) record.batch = batch;
      },
      sent: (posted) => {
        for (const { record } of alerts) Object.assign(record, { status: 'sent', ts: posted });
        recordStorm(ctx.state, { batch, channel, ts: posted, at: ctx.now(), summary });
      },
    },
  );
  await postDetails(ctx, channel, ts, alerts);
  return alerts.length;
}

/** The worst alerts in the summary's thread, up to the cap; without mentions (the summary had it). */
async function postDetails(ctx: PollContext, channel: string, ts: string, alerts: PlannedAlert[]) {
  const worstFirst = [...alerts].sort(
    (a, b) => rank(b.subject.result) - rank(a.subject.result) || a.subject.endedAt - b.subject.endedAt,
  );
  await ctx.taskLists?.readAhead(worstFirst.slice(0, STORM_DETAILS_CAP).map((alert) => alert.subject));
  await postStormDetails(
    ctx,
    channel,
    ts,
    worstFirst.map(({ subject }) => ({
      id: subject.uid,
      render: async () => {
        const tasks = await alertTasks(ctx, subject).catch(() => []);
        return renderAlert(subject, tasks, alertMessageOptions(ctx, { mentions: false }));
      },
    })),
  );
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
