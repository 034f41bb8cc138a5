import type { WatcherConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Logger } from '../shared/logger.js';
import { buildPlainTextFallback } from '../views/plain-text-fallback.js';
import { buildRetryReplyView } from '../views/reply-views.js';
import { alertTasks, renderAlert } from './alert-messages.js';
import { jobOfSubject, type AlertSubject } from './alert-subject.js';
import type { ChatPort } from './chat-port.js';
import type { PlannedAlert } from './decide.js';
import { postStorm } from './storm.js';
import type { IncidentRecord, WatcherState } from './state.js';

export interface DeliveryDeps {
  client: EmClient;
  chat: ChatPort;
  logger: Logger;
  config: WatcherConfig;
  emWebUrl: string | undefined;
  now: () => number;
  /** Saves the state; called before the first post (pending on disk) and after each post. */
  persist: () => Promise<void>;
}

/** The key of an open incident: one per job and channel. */
export const incidentKey = (jobKey: string, channel: string): string => `${jobKey}|${channel}`;

/**
 * Posts planned alerts: into the thread of the job's open incident when there is one, as one storm summary
 * when a channel gets more than the threshold of new incidents at once, otherwise one message each. Every
 * record is pending on disk before its post and sent (with its ts) after it.
 */
export async function deliver(
  state: WatcherState,
  planned: PlannedAlert[],
  deps: DeliveryDeps,
): Promise<number> {
  if (planned.length === 0) return 0;
  await deps.persist();
  let posted = 0;
  for (const [channel, alerts] of groupByChannel(planned)) {
    try {
      posted += await deliverToChannel(state, channel, alerts, deps);
    } catch (error) {
      // One channel Slack refuses (the bot was removed, it was archived) must not hold up the others: its
      // records stay pending on disk and the next polls settle them.
      deps.logger.error({ channel, err: String(error) }, 'could not post alerts; they stay pending');
    }
  }
  return posted;
}

async function deliverToChannel(
  state: WatcherState,
  channel: string,
  alerts: PlannedAlert[],
  deps: DeliveryDeps,
): Promise<number> {
  let posted = 0;
  const { threaded, leaders, followers } = splitByIncident(state, channel, alerts);
  for (const alert of threaded) posted += await postIntoIncident(state, alert, deps);
  if (leaders.length > deps.config.stormThreshold)
    return posted + (await postStorm(channel, [...leaders, ...followers], deps));
  for (const alert of leaders) posted += await postAlert(state, alert, deps);
  // A retry that failed in the same poll as its first failure goes into the thread the leader just opened.
  for (const alert of followers) posted += await postIntoIncident(state, alert, deps);
  return posted;
}

/**
 * threaded: the job has an open incident; leaders: the oldest new alert of each other job (they open
 * incidents); followers: later alerts of a leader's job in the same poll.
 */
function splitByIncident(state: WatcherState, channel: string, alerts: PlannedAlert[]) {
  const threaded: PlannedAlert[] = [];
  const leaders: PlannedAlert[] = [];
  const followers: PlannedAlert[] = [];
  const led = new Set<string>();
  for (const alert of [...alerts].sort((a, b) => a.subject.endedAt - b.subject.endedAt)) {
    const { jobKey, kind } = alert.subject;
    if (openIncident(state, jobKey, channel)) threaded.push(alert);
    else if (kind !== 'failover' && led.has(jobKey)) followers.push(alert);
    else {
      leaders.push(alert);
      led.add(jobKey);
    }
  }
  return { threaded, leaders, followers };
}

/** The open (not recovered) incident of a job in a channel. */
export function openIncident(
  state: WatcherState,
  jobKey: string,
  channel: string,
): IncidentRecord | undefined {
  const incident = state.incidents[incidentKey(jobKey, channel)];
  return incident && incident.recoveredAt === undefined ? incident : undefined;
}

async function postAlert(
  state: WatcherState,
  { subject, record }: PlannedAlert,
  deps: DeliveryDeps,
): Promise<number> {
  const tasks = await alertTasks(deps.client, subject).catch(() => []);
  const message = renderAlert(subject, tasks, messageOptions(deps));
  const { ts } = await deps.chat.post({
    channel: record.channel,
    ...message,
    metadata: { eventType: 'veeam_alert', key: subject.uid },
    fallbackText: fallbackOf(subject, tasks),
  });
  record.status = 'sent';
  record.ts = ts;
  if (subject.kind !== 'failover') {
    state.incidents[incidentKey(subject.jobKey, record.channel)] = {
      jobKey: subject.jobKey,
      ...jobOfSubject(subject),
      channel: record.channel,
      ts,
      rootUid: subject.uid,
      failures: 1,
      retries: subject.isRetry ? 1 : 0,
      lastResult: subject.result,
      lastUid: subject.uid,
      lastEndedAt: subject.endedAt,
    };
  }
  await deps.persist();
  return 1;
}

/** A later failure of a job with an open incident: a reply in its thread, and the first message updated. */
async function postIntoIncident(
  state: WatcherState,
  alert: PlannedAlert,
  deps: DeliveryDeps,
): Promise<number> {
  const { subject, record } = alert;
  const incident = openIncident(state, subject.jobKey, record.channel);
  if (!incident) return postAlert(state, alert, deps);
  const tasks = await alertTasks(deps.client, subject).catch(() => []);
  const reply = subject.session
    ? buildRetryReplyView(subject.session, tasks)
    : renderAlert(subject, tasks, messageOptions(deps));
  record.threadTs = incident.ts;
  await deps.persist();
  const { ts } = await deps.chat.post({
    channel: record.channel,
    ...reply,
    threadTs: incident.ts,
    metadata: { eventType: 'veeam_alert', key: subject.uid },
    fallbackText: fallbackOf(subject, tasks),
  });
  record.status = 'sent';
  record.ts = ts;
  incident.failures += 1;
  if (subject.isRetry) incident.retries += 1;
  Object.assign(incident, {
    lastResult: subject.result,
    lastUid: subject.uid,
    lastEndedAt: Math.max(incident.lastEndedAt, subject.endedAt),
  });
  await deps.persist();
  const root = renderAlert(subject, tasks, {
    ...messageOptions(deps),
    incident: { failures: incident.failures, retries: incident.retries, lastResult: subject.result },
  });
  await deps.chat.update({ channel: record.channel, ts: incident.ts, ...root }).catch((error: unknown) => {
    deps.logger.warn(
      { channel: record.channel, err: String(error) },
      'could not update the incident message',
    );
  });
  return 1;
}

/** Options for rendering alerts from the watcher config. */
export function messageOptions(deps: Pick<DeliveryDeps, 'config' | 'emWebUrl' | 'now'>) {
  return {
    mentionFailed: deps.config.mentionFailed,
    mentionWarning: deps.config.mentionWarning,
    emWebUrl: deps.emWebUrl,
    now: deps.now(),
  };
}

function fallbackOf(
  subject: AlertSubject,
  tasks: Parameters<typeof buildPlainTextFallback>[1],
): string | undefined {
  return subject.session ? buildPlainTextFallback(subject.session, tasks).text : undefined;
}

function groupByChannel(planned: PlannedAlert[]): Map<string, PlannedAlert[]> {
  const groups = new Map<string, PlannedAlert[]>();
  for (const alert of planned)
    groups.set(alert.record.channel, [...(groups.get(alert.record.channel) ?? []), alert]);
  return groups;
}
