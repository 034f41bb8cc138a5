import type { TaskSession } from '../em/types.js';
import { buildPlainTextFallback } from '../views/plain-text-fallback.js';
import { buildRetryReplyView } from '../views/reply-views.js';
import { alertMessageOptions, alertTasks, renderAlert } from './alert-messages.js';
import type { AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import { controlsOf, incidentKey, openIncident, openIncidentAt } from './open-incident.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';
import { offeredJobActions } from './job-action-offers.js';
import type { IncidentRecord } from './state.js';

/** One alert as its own message; it opens an incident for its job (failovers excepted). */
export async function postAlert(ctx: PollContext, { subject, record }: PlannedAlert): Promise<number> {
  const tasks = await alertTasks(ctx, subject).catch(() => []);
  const offered = await offeredJobActions(ctx, subject);
  const jobActions = offered.length ? { jobActions: { jobName: subject.jobName, offered } } : {};
  // A failover's result opens no incident: its announcement (failovers.ts) carries the Claim button.
  const controls =
    subject.kind === 'failover'
      ? {}
      : { controls: { key: incidentKey(subject.jobKey, record.channel), ...jobActions } };
  const message = renderAlert(subject, tasks, { ...alertMessageOptions(ctx), ...controls });
  const alert = { channel: record.channel, ...message, ...alertExtras(subject, tasks) };
  await postRecorded(ctx, alert, {
    sent: (ts) => {
      record.status = 'sent';
      record.ts = ts;
      if (subject.kind !== 'failover') openIncidentAt(ctx.state, subject, record.channel, ts, offered);
    },
  });
  return 1;
}

/** A later failure of a job with an open incident: a reply in its thread, and the first message updated. */
export async function postIntoIncident(ctx: PollContext, alert: PlannedAlert): Promise<number> {
  const { subject, record } = alert;
  const incident = openIncident(ctx.state, subject.jobKey, record.channel);
  if (!incident) return postAlert(ctx, alert);
  const tasks = await alertTasks(ctx, subject).catch(() => []);
  const reply = subject.session
    ? buildRetryReplyView(subject.session, tasks)
    : renderAlert(subject, tasks, alertMessageOptions(ctx));
  const message = {
    channel: record.channel,
    ...reply,
    threadTs: incident.ts,
    ...alertExtras(subject, tasks),
  };
  await postRecorded(ctx, message, {
    pending: () => {
      record.threadTs = incident.ts;
    },
    sent: (ts) => {
      record.status = 'sent';
      record.ts = ts;
      incident.failures += 1;
      if (subject.isRetry) incident.retries += 1;
      Object.assign(incident, {
        lastResult: subject.result,
        lastUid: subject.uid,
        lastEndedAt: Math.max(incident.lastEndedAt, subject.endedAt),
      });
    },
  });
  await updateIncidentRoot(ctx, incident, subject, tasks);
  return 1;
}

/** The incident's first message, updated to show the latest failure and how many there were; false when Slack refused. */
export async function updateIncidentRoot(
  ctx: PollContext,
  incident: IncidentRecord,
  subject: AlertSubject,
  tasks: TaskSession[],
): Promise<boolean> {
  const root = renderAlert(subject, tasks, {
    ...alertMessageOptions(ctx),
    incident: { failures: incident.failures, retries: incident.retries, lastResult: subject.result },
    controls: controlsOf(incident),
  });
  return ctx.chat.update({ channel: incident.channel, ts: incident.ts, ...root }).then(
    () => true,
    (error: unknown) => {
      ctx.logger.warn(
        { channel: incident.channel, err: String(error) },
        'could not update the incident message',
      );
      return false;
    },
  );
}

/** The metadata that finds the alert again after a crash, and the plain text posted if Slack refuses the blocks. */
function alertExtras(subject: AlertSubject, tasks: TaskSession[]) {
  return {
    metadata: { eventType: 'veeam_alert' as const, key: subject.uid },
    fallbackText: subject.session ? buildPlainTextFallback(subject.session, tasks).text : undefined,
  };
}
