import { SlackApiError } from '../shared/errors.js';
import { channelWorks, failChannel } from './broken-channels.js';
import type { PlannedAlert } from './decide.js';
import { openIncident } from './open-incident.js';
import type { PollContext } from './poll-context.js';
import { postIntoIncidents } from './flood.js';
import { postAlert } from './post-alert.js';
import { postStorm } from './storm.js';
import { isStorm } from './storm-thread.js';

/**
 * Posts planned alerts: first alerts of jobs first, as one storm summary when a channel gets more than the
 * threshold of new incidents at once, otherwise one message each; then later failures into the thread of the
 * job's open incident, within per-job and per-channel reply budgets (flood.ts). Every
 * record is pending on disk before its post and sent (with its ts) after it. A channel Slack refuses for good
 * (see SlackApiError.isFinal) has its alerts marked failed and is reported once.
 */
export async function deliver(ctx: PollContext, planned: PlannedAlert[]): Promise<number> {
  if (planned.length === 0) return 0;
  // Every decided record is on disk before the first (possibly slow) task look-up or post.
  await ctx.save();
  let posted = 0;
  for (const [channel, alerts] of groupByChannel(planned)) {
    try {
      posted += await deliverToChannel(ctx, channel, alerts);
      channelWorks(ctx, channel);
    } catch (error) {
      if (error instanceof SlackApiError && error.isFinal) {
        const moved = await failChannel(
          ctx,
          channel,
          alerts.map((a) => a.record),
          error,
        );
        // A broken subscription's alerts go to ALERT_CHANNEL in this same poll, not the next one.
        const bySession = new Map(alerts.map((a) => [a.record.uid, a.subject]));
        const fallback = moved.flatMap((record) => {
          const subject = bySession.get(record.uid);
          return subject ? [{ subject, record }] : [];
        });
        posted += await deliver(ctx, fallback);
        continue;
      }
      // One channel Slack refuses for now must not hold up the others: its records stay pending on disk and
      // the next polls settle them.
      ctx.logger.error({ channel, err: String(error) }, 'could not post alerts; they stay pending');
    }
  }
  return posted;
}

async function deliverToChannel(ctx: PollContext, channel: string, alerts: PlannedAlert[]): Promise<number> {
  let posted = 0;
  const { threaded, leaders, followers } = splitByIncident(ctx, channel, alerts);
  // First alerts of jobs go first: a job that keeps failing must not hold up another job's first alert.
  if (isStorm(leaders.length, ctx.config))
    return (
      (await postStorm(ctx, channel, [...leaders, ...followers])) +
      (await postIntoIncidents(ctx, channel, threaded))
    );
  await ctx.taskLists?.readAhead(leaders.map((alert) => alert.subject));
  for (const alert of leaders) posted += await postAlert(ctx, alert);
  // A retry that failed in the same poll as its first failure goes into the thread the leader just opened.
  return posted + (await postIntoIncidents(ctx, channel, [...threaded, ...followers]));
}

/**
 * threaded: the job has an open incident; leaders: the oldest new alert of each other job (they open
 * incidents); followers: later alerts of a leader's job in the same poll.
 */
function splitByIncident(ctx: PollContext, channel: string, alerts: PlannedAlert[]) {
  const threaded: PlannedAlert[] = [];
  const leaders: PlannedAlert[] = [];
  const followers: PlannedAlert[] = [];
  const led = new Set<string>();
  for (const alert of [...alerts].sort((a, b) => a.subject.endedAt - b.subject.endedAt)) {
    const { jobKey, kind } = alert.subject;
    if (openIncident(ctx.state, jobKey, channel)) threaded.push(alert);
    else if (kind !== 'failover' && led.has(jobKey)) followers.push(alert);
    else {
      leaders.push(alert);
      led.add(jobKey);
    }
  }
  return { threaded, leaders, followers };
}

function groupByChannel(planned: PlannedAlert[]): Map<string, PlannedAlert[]> {
  const groups = new Map<string, PlannedAlert[]>();
  for (const alert of planned) {
    const group = groups.get(alert.record.channel);
    if (group) group.push(alert);
    else groups.set(alert.record.channel, [alert]);
  }
  return groups;
}
