import type { CdpReplicaSession, Session } from '../em/types.js';
import { buildStormSummaryView } from '../views/storm-summary-view.js';
import { alertMessageOptions, alertTasks, renderAlert } from './alert-messages.js';
import type { AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';

/** How many alerts of a storm get their full view in the summary's thread; the rest are in `/veeam failures`. */
export const STORM_DETAILS_CAP = 20;

/**
 * One summary message for a storm (counts by job and result, worst first), then the worst alerts in its
 * thread. The whole batch is one pending-then-sent unit keyed by a batch id in the summary's metadata. The
 * summary is what people see, so it carries the mention; the thread replies do not ping again.
 */
export async function postStorm(ctx: PollContext, channel: string, alerts: PlannedAlert[]): Promise<number> {
  const batch = `batch:${ctx.now()}:${alerts[0]?.subject.uid ?? ''}`;
  const summary = buildStormSummaryView(
    alerts.map((a) => summarySession(a.subject)),
    { channelTotal: alerts.length, now: new Date(ctx.now()), mention: stormMention(ctx, alerts) },
  );
  const { ts } = await postRecorded(
    ctx,
    { channel, ...summary, metadata: { eventType: 'veeam_alert', key: batch } },
    {
      pending: () => {
        for (const { record } of alerts) record.batch = batch;
      },
      sent: (posted) => {
        for (const { record } of alerts) Object.assign(record, { status: 'sent', ts: posted });
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
  const details = worstFirst.slice(0, STORM_DETAILS_CAP);
  await ctx.taskLists?.readAhead(details.map((alert) => alert.subject));
  for (const { subject } of details) {
    try {
      const tasks = await alertTasks(ctx, subject).catch(() => []);
      const detail = renderAlert(subject, tasks, alertMessageOptions(ctx, { mentions: false }));
      await ctx.chat.post({ channel, threadTs: ts, ...detail });
    } catch (error) {
      // Details are a courtesy: the summary already counted this alert, so a failure here loses nothing.
      ctx.logger.warn({ channel, uid: subject.uid, err: String(error) }, 'could not post a storm detail');
    }
  }
}

/** ALERT_MENTION when the storm has a Failed alert, else ALERT_MENTION_WARNING when it has a Warning one. */
function stormMention(ctx: PollContext, alerts: PlannedAlert[]): string | undefined {
  const results = new Set(alerts.map((a) => a.subject.result));
  if (results.has('Failed')) return ctx.config.mentionFailed;
  return results.has('Warning') ? ctx.config.mentionWarning : undefined;
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
