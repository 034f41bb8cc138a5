import type { PlannedAlert } from './decide.js';
import { openIncident } from './open-incident.js';
import type { PollContext } from './poll-context.js';
import { postIntoIncident, updateIncidentRoot } from './post-alert.js';
import type { IncidentRecord } from './state.js';

/** Thread replies one job gets per poll: the worst and the newest; the rest only count in its incident. */
export const JOB_REPLY_BUDGET = 3;
/** Thread replies one channel gets per poll, all jobs together, so one noisy channel cannot hold up a poll. */
export const CHANNEL_REPLY_BUDGET = 30;

/**
 * Later failures of jobs with an open incident, as thread replies within the budgets: a job that failed many
 * times in one poll gets at most JOB_REPLY_BUDGET replies (the newest and the worst) and the others are
 * recorded as sent in its incident, whose first message counts them. Nothing is alerted twice or lost: every
 * record ends sent, and the count says how many there were.
 */
export async function postIntoIncidents(
  ctx: PollContext,
  channel: string,
  alerts: PlannedAlert[],
): Promise<number> {
  let budget = CHANNEL_REPLY_BUDGET;
  const jobs = groupByJob(alerts).map((jobAlerts) => {
    const incident = openIncident(ctx.state, jobAlerts[0]?.subject.jobKey ?? '', channel);
    const picked = pickReplies(jobAlerts, incident ? Math.min(JOB_REPLY_BUDGET, budget) : Infinity);
    budget = Math.max(0, budget - picked.kept.length);
    return { incident, ...picked };
  });
  // The replies' task lists in a few batched queries rather than one request each.
  await ctx.taskLists?.readAhead(jobs.flatMap(({ kept }) => kept.map((alert) => alert.subject)));
  let posted = 0;
  for (const { incident, kept, folded } of jobs) {
    if (incident && folded.length > 0) posted += await fold(ctx, incident, folded, kept.length === 0);
    for (const alert of kept) posted += await postIntoIncident(ctx, alert);
  }
  return posted;
}

/** The replies to post, oldest first: the newest alert, then the worst of the rest (newest first among equals). */
export function pickReplies(
  alerts: PlannedAlert[],
  budget: number,
): { kept: PlannedAlert[]; folded: PlannedAlert[] } {
  if (alerts.length <= budget) return { kept: alerts, folded: [] };
  const newestFirst = [...alerts].sort((a, b) => b.subject.endedAt - a.subject.endedAt);
  const [newest, ...rest] = newestFirst;
  const worst = rest.sort((a, b) => rank(b) - rank(a) || b.subject.endedAt - a.subject.endedAt);
  const kept = (newest ? [newest, ...worst] : worst).slice(0, budget);
  const keep = new Set(kept);
  return {
    kept: kept.sort((a, b) => a.subject.endedAt - b.subject.endedAt),
    folded: alerts.filter((alert) => !keep.has(alert)),
  };
}

/** Counts alerts in the incident without a reply each: recorded sent (in the incident's message) and saved. */
async function fold(
  ctx: PollContext,
  incident: IncidentRecord,
  folded: PlannedAlert[],
  updateRoot: boolean,
): Promise<number> {
  for (const { subject, record } of folded) {
    Object.assign(record, { status: 'sent', ts: incident.ts });
    incident.failures += 1;
    if (subject.isRetry) incident.retries += 1;
    if (subject.endedAt >= incident.lastEndedAt)
      Object.assign(incident, {
        lastResult: subject.result,
        lastUid: subject.uid,
        lastEndedAt: subject.endedAt,
      });
  }
  await ctx.save();
  ctx.logger.warn(
    { job: incident.jobName, channel: incident.channel, counted: folded.length },
    'a job failed many times in one poll; counted in its incident instead of one reply each',
  );
  // With replies to come, the last of them updates the first message; without, it is updated here.
  const newest = folded.reduce((a, b) => (b.subject.endedAt >= a.subject.endedAt ? b : a));
  if (updateRoot) await updateIncidentRoot(ctx, incident, newest.subject, []);
  return folded.length;
}

const rank = ({ subject }: PlannedAlert): number =>
  subject.result === 'Failed' ? 2 : subject.result === 'Warning' ? 1 : 0;

function groupByJob(alerts: PlannedAlert[]): PlannedAlert[][] {
  const groups = new Map<string, PlannedAlert[]>();
  for (const alert of alerts) {
    const group = groups.get(alert.subject.jobKey);
    if (group) group.push(alert);
    else groups.set(alert.subject.jobKey, [alert]);
  }
  return [...groups.values()];
}
