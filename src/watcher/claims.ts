import { alertTasks } from './alert-messages.js';
import { fetchSubject } from './grace.js';
import type { PollContext } from './poll-context.js';
import { updateIncidentRoot } from './post-alert.js';

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
