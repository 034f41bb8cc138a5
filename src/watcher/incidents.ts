import { buildRecoveredReplyView } from '../views/reply-views.js';
import { subjectOfCdpTask, subjectOfSession } from './alert-subject.js';
import { alertMessageOptions, renderAlert } from './alert-messages.js';
import type { PollContext } from './poll-context.js';
import { firstSuccesses, type JobIdentity } from './recovery.js';
import type { IncidentRecord } from './state.js';

/** Incidents older than this stop being checked for recovery each poll (pruned after 30 days). */
const RECOVERY_CHECK_WINDOW_MS = 7 * 24 * 3_600_000;

/** The identity the success look-up needs, from an incident. */
export function jobOfIncident(incident: IncidentRecord): JobIdentity {
  return {
    sessionKind: incident.sessionKind,
    jobName: incident.jobName,
    ...(incident.ownerUid ? { ownerUid: incident.ownerUid } : {}),
    ...(incident.vmName ? { vmName: incident.vmName } : {}),
  };
}

/**
 * Closes incidents whose job has since succeeded (a retry or the next run): "recovered at …" in the thread
 * and the first message updated to show it. Returns how many recovered.
 */
export async function checkRecoveries(ctx: PollContext): Promise<number> {
  const now = ctx.now();
  const open = Object.values(ctx.state.incidents).filter(
    (i) => i.recoveredAt === undefined && i.lastEndedAt > now - RECOVERY_CHECK_WINDOW_MS,
  );
  if (open.length === 0) return 0;
  const successes = await firstSuccesses(
    ctx.em,
    open.map((incident) => ({ job: jobOfIncident(incident), afterMs: incident.lastEndedAt })),
  );
  let recovered = 0;
  for (const [index, incident] of open.entries()) {
    const success = successes[index];
    if (!success) continue;
    const endedAt = success.endTime?.getTime() ?? now;
    const subject = 'vmName' in success ? subjectOfCdpTask(success) : subjectOfSession(success);
    const reply =
      'vmName' in success
        ? renderAlert(subject, [], alertMessageOptions(ctx))
        : buildRecoveredReplyView(success);
    const root = renderAlert(subject, [], {
      ...alertMessageOptions(ctx),
      incident: { failures: incident.failures, retries: incident.retries, recoveredAt: new Date(endedAt) },
    });
    // Recorded only once the thread has it: a Slack error leaves the incident open and the next poll tries again.
    try {
      await ctx.chat.post({ channel: incident.channel, threadTs: incident.ts, ...reply });
    } catch (error) {
      ctx.logger.warn(
        { channel: incident.channel, err: String(error) },
        'could not post the recovery; retrying next poll',
      );
      continue;
    }
    incident.recoveredAt = endedAt;
    delete incident.claim;
    endSnoozesUntilSuccess(ctx, incident);
    await ctx.save();
    await ctx.chat.update({ channel: incident.channel, ts: incident.ts, ...root }).catch((error: unknown) => {
      ctx.logger.warn(
        { channel: incident.channel, err: String(error) },
        'could not update the incident message',
      );
    });
    recovered += 1;
  }
  return recovered;
}

/** A snooze "until the job succeeds" ends with the job's recovery. */
function endSnoozesUntilSuccess(ctx: PollContext, incident: IncidentRecord): void {
  const job = incident.jobName.toLowerCase();
  ctx.state.mutes = ctx.state.mutes.filter((m) => !(m.untilSuccess && m.job.toLowerCase() === job));
}
