import { runningSessions } from '../em/lookups.js';
import { ErrorCode, isAppError } from '../shared/errors.js';
import type { CloudFailoverSession } from '../em/types.js';
import { buildFailoverAnnouncementView } from '../views/failover-announcement-view.js';
import { subjectOfSession } from './alert-subject.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';
import { channelsFor } from './routing.js';
import type { WatcherState } from './state.js';

const RUNNING_LIMIT = 50;

/** The key of a failover announcement: one per session and channel; its metadata key says the same. */
export const failoverKey = (uid: string, channel: string): string => `failover:${uid}|${channel}`;

/**
 * A cloud failover is news the moment it starts: announce each running one once per channel (pending on
 * disk first, like alerts), then update that message in place every poll until the session stops.
 */
export async function trackFailovers(state: WatcherState, deps: PollContext): Promise<void> {
  const now = deps.now();
  const running = (await runningSessions(
    deps.em,
    'CloudFailoverSession',
    RUNNING_LIMIT,
  )) as CloudFailoverSession[];
  for (const session of running) {
    // Routing ignores the level here: a failover in progress has no result yet and is always worth hearing.
    const subject = { ...subjectOfSession(session), result: 'Failed' };
    for (const channel of channelsFor(subject, state.subscriptions, deps.config.alertChannel)) {
      const key = failoverKey(session.uid, channel);
      if (state.failovers[key]) continue;
      const record = {
        uid: session.uid,
        href: session.href,
        channel,
        ts: '',
        finished: false,
        announcedAt: now,
      };
      const message = buildFailoverAnnouncementView(session, { now: new Date(now) });
      await postRecorded(
        deps,
        { channel, ...message, metadata: { eventType: 'veeam_alert', key } },
        {
          pending: () => (state.failovers[key] = record),
          sent: (ts) => Object.assign(record, { ts, signature: progressSignature(session) }),
        },
      );
    }
  }
  await refreshAnnouncements(state, deps);
}

async function refreshAnnouncements(state: WatcherState, deps: PollContext): Promise<void> {
  for (const record of Object.values(state.failovers)) {
    if (record.finished || !record.ts) continue;
    const document = await deps.em.get(record.href).catch((error: unknown) => {
      // EM dropped the session (retention, a restored database): nothing left to show; not an outage.
      if (isAppError(error, ErrorCode.EmNotFound)) return undefined;
      throw error;
    });
    if (!document) {
      record.finished = true;
      await deps.save();
      continue;
    }
    if (document.kind !== 'session' || document.session.kind !== 'CloudFailoverSession') continue;
    const session = document.session;
    const stopped = session.state === 'Stopped' || session.endTime !== undefined;
    // chat.update is rate-limited: only touch the message when something a reader can see has changed.
    const signature = progressSignature(session);
    if (!stopped && signature === record.signature) continue;
    record.signature = signature;
    const message = buildFailoverAnnouncementView(session, { now: new Date(deps.now()) });
    try {
      await deps.chat.update({ channel: record.channel, ts: record.ts, ...message });
    } catch (error) {
      deps.logger.warn(
        { channel: record.channel, err: String(error) },
        'could not update the failover message',
      );
    }
    if (stopped) {
      record.finished = true;
      await deps.save();
    }
  }
}

function progressSignature(session: CloudFailoverSession): string {
  const tasks = session.tasks.map((t) => `${t.state}/${t.result}/${t.progress ?? ''}`).join(',');
  return `${session.state}/${session.result}/${session.progress ?? ''}/${tasks}`;
}
