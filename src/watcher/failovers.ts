import { runningSessions } from '../em/lookups.js';
import { ErrorCode, isAppError, SlackApiError } from '../shared/errors.js';
import type { CloudFailoverSession } from '../em/types.js';
import { buildFailoverAnnouncementView } from '../views/failover-announcement-view.js';
import { buildFailoverView } from '../views/failover-view.js';
import { subjectOfSession } from './alert-subject.js';
import type { DeliveryDeps } from './deliver.js';
import { channelsFor } from './routing.js';
import type { FailoverRecord, WatcherState } from './state.js';

const RUNNING_LIMIT = 50;

/** The key of a failover announcement: one per session and channel; its metadata key says the same. */
export const failoverKey = (uid: string, channel: string): string => `failover:${uid}|${channel}`;

/** The key of a message someone asked to follow (the Follow button): one per message. */
export const followedKey = (channel: string, ts: string): string => `follow:${channel}|${ts}`;

/** What a Follow button needs from the watcher: add a posted failover message to its followed set. */
export interface FailoverFollowPort {
  follow(target: { uid: string; href: string; channel: string; ts: string }): Promise<void>;
}

/**
 * The followed set lives in the watcher's state (persisted, so it survives a restart): each poll updates
 * the message in place, exactly like an announcement, until the session stops.
 */
export function createFailoverFollowing(
  watcher: { state(): WatcherState; persist(): Promise<void> },
  now: () => number,
): FailoverFollowPort {
  return {
    async follow({ uid, href, channel, ts }) {
      const state = watcher.state();
      const key = followedKey(channel, ts);
      if (state.failovers[key]) return;
      state.failovers[key] = { uid, href, channel, ts, finished: false, announcedAt: now(), followed: true };
      await watcher.persist();
    },
  };
}

/**
 * A cloud failover is news the moment it starts: announce each running one once per channel (pending on
 * disk first, like alerts), then update that message in place every poll until the session stops.
 */
export async function trackFailovers(state: WatcherState, deps: DeliveryDeps): Promise<void> {
  const now = deps.now();
  const running = (await runningSessions(
    deps.client,
    'CloudFailoverSession',
    RUNNING_LIMIT,
  )) as CloudFailoverSession[];
  for (const session of running) {
    // Routing ignores the level here: a failover in progress has no result yet and is always worth hearing.
    const subject = { ...subjectOfSession(session), result: 'Failed' };
    for (const channel of channelsFor(subject, state.subscriptions, deps.config.alertChannel)) {
      const key = failoverKey(session.uid, channel);
      if (state.failovers[key]) continue;
      state.failovers[key] = {
        uid: session.uid,
        href: session.href,
        channel,
        ts: '',
        finished: false,
        announcedAt: now,
      };
      await deps.persist();
      const message = buildFailoverAnnouncementView(session, { now: new Date(now) });
      const { ts } = await deps.chat.post({
        channel,
        ...message,
        metadata: { eventType: 'veeam_alert', key },
      });
      state.failovers[key] = { ...state.failovers[key], ts, signature: progressSignature(session) };
      await deps.persist();
    }
  }
  await refreshAnnouncements(state, deps);
}

async function refreshAnnouncements(state: WatcherState, deps: DeliveryDeps): Promise<void> {
  for (const record of Object.values(state.failovers)) {
    if (record.finished || !record.ts) continue;
    const document = await deps.client.get(record.href).catch((error: unknown) => {
      // EM dropped the session (retention, a restored database): nothing left to show; not an outage.
      if (isAppError(error, ErrorCode.EmNotFound)) return undefined;
      throw error;
    });
    if (!document) {
      record.finished = true;
      await deps.persist();
      continue;
    }
    if (document.kind !== 'session' || document.session.kind !== 'CloudFailoverSession') continue;
    const session = document.session;
    let stopped = session.state === 'Stopped' || session.endTime !== undefined;
    // chat.update is rate-limited: only touch the message when something a reader can see has changed.
    const signature = progressSignature(session);
    if (!stopped && signature === record.signature) continue;
    record.signature = signature;
    const message = viewOf(record, session, new Date(deps.now()));
    try {
      await deps.chat.update({ channel: record.channel, ts: record.ts, ...message });
    } catch (error) {
      deps.logger.warn(
        { channel: record.channel, err: String(error) },
        'could not update the failover message',
      );
      // The message was deleted or the channel closed to us: updating it again cannot succeed.
      if (error instanceof SlackApiError && (error.isFinal || GONE.has(error.slackCode))) stopped = true;
    }
    if (stopped) {
      record.finished = true;
      await deps.persist();
    }
  }
}

const GONE = new Set(['message_not_found', 'cant_update_message']);

/** An announcement keeps its own view; a followed message the live view it was posted with. */
function viewOf(record: FailoverRecord, session: CloudFailoverSession, now: Date) {
  if (!record.followed) return buildFailoverAnnouncementView(session, { now });
  return buildFailoverView([session], { following: true, now, title: `Cloud failover: ${session.name}` });
}

function progressSignature(session: CloudFailoverSession): string {
  const tasks = session.tasks.map((t) => `${t.state}/${t.result}/${t.progress ?? ''}`).join(',');
  return `${session.state}/${session.result}/${session.progress ?? ''}/${tasks}`;
}
