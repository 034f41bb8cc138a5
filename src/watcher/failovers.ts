import { runningSessions } from '../em/lookups.js';
import { ErrorCode, isAppError, SlackApiError } from '../shared/errors.js';
import type { CloudFailoverSession } from '../em/types.js';
import { withClaimControls } from '../views/claim-controls.js';
import { buildFailoverAnnouncementView } from '../views/failover-announcement-view.js';
import { subjectOfSession } from './alert-subject.js';
import { failChannel } from './broken-channels.js';
import { failoverControls, failoverMessage } from './failover-claims.js';
import { hasStopped, progressSignature, updateLiveMessage } from './live-message.js';
import type { PollContext } from './poll-context.js';
import { postRecorded } from './post-recorded.js';
import { channelsFor } from './routing.js';
import type { WatcherState } from './state.js';

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
 * disk first, like alerts); `refreshFailoverMessages` then updates the message in place every poll.
 */
export async function announceFailovers(deps: PollContext): Promise<void> {
  const { state } = deps;
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
        name: session.name,
      };
      const message = withClaimControls(
        buildFailoverAnnouncementView(session, { now: new Date(now) }),
        failoverControls(key, {}),
      );
      try {
        await postRecorded(
          deps,
          { channel, ...message, metadata: { eventType: 'veeam_alert', key } },
          {
            pending: () => (state.failovers[key] = record),
            sent: (ts) => Object.assign(record, { ts, signature: progressSignature(session) }),
          },
        );
      } catch (error) {
        if (!(error instanceof SlackApiError && error.isFinal)) throw error;
        // The channel is closed to us for good: report it like an alert's channel; retrying every poll cannot help.
        record.finished = true;
        await failChannel(deps, channel, [], error);
      }
    }
  }
}

/**
 * Updates every announced or followed (the Follow button) failover message in place until its session stops;
 * runs every poll whatever WATCH_TYPES says, because a followed message was asked for by a person.
 */
export async function refreshFailoverMessages(deps: PollContext): Promise<void> {
  for (const [key, record] of Object.entries(deps.state.failovers)) {
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
    let stopped = hasStopped(session);
    // chat.update is rate-limited: only touch the message when something a reader can see has changed.
    const signature = progressSignature(session);
    if (!stopped && signature === record.signature) continue;
    record.signature = signature;
    if (stopped) record.result = session.result;
    // A failover that succeeded is over: its claim goes with the button (a failed one stays claimable).
    if (stopped && session.result === 'Success') delete record.claim;
    const message = failoverMessage(key, record, session, new Date(deps.now()));
    const updated = await updateLiveMessage(
      deps.chat,
      { channel: record.channel, ts: record.ts, ...message },
      deps.logger,
    );
    // The message was deleted or the channel closed to us: updating it again cannot succeed.
    if (updated === 'gone') stopped = true;
    if (stopped) {
      record.finished = true;
      await deps.save();
    }
  }
}
