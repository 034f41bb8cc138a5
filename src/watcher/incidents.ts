import { buildRecoveredReplyView } from '../views/reply-views.js';
import { subjectOfCdpTask, subjectOfSession } from './alert-subject.js';
import { renderAlert } from './alert-messages.js';
import { messageOptions, type DeliveryDeps } from './deliver.js';
import { firstSuccesses, type JobIdentity } from './recovery.js';
import type { IncidentRecord, WatcherState } from './state.js';

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
export async function checkRecoveries(state: WatcherState, deps: DeliveryDeps): Promise<number> {
  const now = deps.now();
  const open = Object.values(state.incidents).filter(
    (i) => i.recoveredAt === undefined && i.lastEndedAt > now - RECOVERY_CHECK_WINDOW_MS,
  );
  if (open.length === 0) return 0;
  const successes = await firstSuccesses(
    deps.client,
    open.map((incident) => ({ job: jobOfIncident(incident), afterMs: incident.lastEndedAt })),
  );
  let recovered = 0;
  for (const [index, incident] of open.entries()) {
    const success = successes[index];
    if (!success) continue;
    const endedAt = success.endTime?.getTime() ?? now;
    const subject = 'vmName' in success ? subjectOfCdpTask(success) : subjectOfSession(success);
    const reply =
      'vmName' in success ? renderAlert(subject, [], messageOptions(deps)) : buildRecoveredReplyView(success);
    const root = renderAlert(subject, [], {
      ...messageOptions(deps),
      incident: { failures: incident.failures, retries: incident.retries, recoveredAt: new Date(endedAt) },
    });
    // Recorded only once the thread has it: a Slack error leaves the incident open and the next poll tries again.
    try {
      await deps.chat.post({ channel: incident.channel, threadTs: incident.ts, ...reply });
    } catch (error) {
      deps.logger.warn(
        { channel: incident.channel, err: String(error) },
        'could not post the recovery; retrying next poll',
      );
      continue;
    }
    incident.recoveredAt = endedAt;
    await deps.persist();
    await deps.chat
      .update({ channel: incident.channel, ts: incident.ts, ...root })
      .catch((error: unknown) => {
        deps.logger.warn(
          { channel: incident.channel, err: String(error) },
          'could not update the incident message',
        );
      });
    recovered += 1;
  }
  return recovered;
}
