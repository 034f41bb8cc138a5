import { alertTasks } from './alert-messages.js';
import { FAILOVER_CLAIM, PROTECTION_CLAIM, STORM_CLAIM } from './claim-targets.js';
import { refreshFailoverClaim } from './failover-claims.js';
import { fetchSubject } from './grace.js';
import type { PollContext } from './poll-context.js';
import { updateIncidentRoot } from './post-alert.js';
import { refreshProtectionClaim } from './protection-claims.js';
import { refreshStormClaim } from './storm-claims.js';

/** Renders a claimed message again, found by its Claim button's value; false when it cannot be updated. */
export function refreshClaim(ctx: PollContext, value: string): Promise<boolean> {
  if (value.startsWith(PROTECTION_CLAIM))
    return refreshProtectionClaim(ctx, value.slice(PROTECTION_CLAIM.length));
  if (value.startsWith(FAILOVER_CLAIM)) return refreshFailoverClaim(ctx, value);
  if (value.startsWith(STORM_CLAIM)) return refreshStormClaim(ctx, value.slice(STORM_CLAIM.length));
  return refreshIncident(ctx, value);
}

/**
 * Renders an open incident's first message again from its newest session (a claim changed): the same update a
 * later failure makes. False when the incident is closed, EM no longer has the session or Slack refused the update.
 */
export async function refreshIncident(ctx: PollContext, key: string): Promise<boolean> {
  const incident = ctx.state.incidents[key];
  if (!incident || incident.recoveredAt !== undefined) return false;
  const record = ctx.state.alerts[`${incident.lastUid}|${incident.channel}`];
  if (!record) return false;
  const subject = await fetchSubject(record, ctx);
  if (!subject) return false;
  const tasks = await alertTasks(ctx, subject).catch((error: unknown) => {
    ctx.logger.warn({ err: String(error) }, 'could not read the task sessions of an incident; shown without');
    return [];
  });
  return updateIncidentRoot(ctx, incident, subject, tasks);
}
