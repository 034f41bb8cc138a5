import { jobOfSubject, type AlertSubject } from './alert-subject.js';
import type { IncidentControls } from '../views/incident-controls.js';
import type { IncidentRecord, WatcherState } from './state.js';

/** The key of an open incident: one per job and channel. */
export const incidentKey = (jobKey: string, channel: string): string => `${jobKey}|${channel}`;

/** The open (not recovered) incident of a job in a channel. */
export function openIncident(
  state: WatcherState,
  jobKey: string,
  channel: string,
): IncidentRecord | undefined {
  const incident = state.incidents[incidentKey(jobKey, channel)];
  return incident && incident.recoveredAt === undefined ? incident : undefined;
}

/** Opens an incident for a job whose alert just went out as message `ts`; later failures go into its thread. */
export function openIncidentAt(
  state: WatcherState,
  subject: AlertSubject,
  channel: string,
  ts: string,
  jobActions: IncidentRecord['jobActions'] = [],
): void {
  state.incidents[incidentKey(subject.jobKey, channel)] = {
    jobKey: subject.jobKey,
    ...jobOfSubject(subject),
    channel,
    ts,
    rootUid: subject.uid,
    failures: 1,
    retries: subject.isRetry ? 1 : 0,
    lastResult: subject.result,
    lastUid: subject.uid,
    lastEndedAt: subject.endedAt,
    ...(jobActions.length ? { jobActions } : {}),
  };
}

/** The claim line and buttons an open incident's first message shows. */
export function controlsOf(incident: IncidentRecord): IncidentControls {
  const key = incidentKey(incident.jobKey, incident.channel);
  const jobActions = incident.jobActions?.length
    ? { jobActions: { jobName: incident.jobName, offered: incident.jobActions } }
    : {};
  return incident.claim
    ? { key, claim: { name: incident.claim.name, at: new Date(incident.claim.at) }, ...jobActions }
    : { key, ...jobActions };
}
