import type { ActionAuditEntry, ActionLock } from '../store/action-ledger.js';
import type { KnownBlock } from '../views/format/block-kit.js';
import { anyOpen, type ProtectionMemory, type RpoOverrideRecord } from './protection-state.js';

/** The watcher's persisted state; everything needed to alert exactly once across restarts. */
export interface WatcherState {
  version: 1;
  /** When the watcher first ran (ms); sessions that ended before it (minus ALERT_BACKFILL) are history, not news. */
  firstStartedAt: number | null;
  /** When the last successful poll began (ms); the next poll looks back from here. */
  lastPollAt: number | null;
  /** One record per session and channel the watcher decided about, kept for the look-back window. */
  alerts: Record<string, AlertRecord>;
  /** Open incidents by job key: the message that later retries and the recovery update. */
  incidents: Record<string, IncidentRecord>;
  /** Announced and followed cloud failover messages, updated in place until their session stops. */
  failovers: Record<string, FailoverRecord>;
  subscriptions: Subscription[];
  mutes: Mute[];
  outage: OutageRecord;
  /** Channels Slack refuses for good (the bot was removed, the channel archived), reported once per episode. */
  brokenChannels: Record<string, BrokenChannel>;
  /** EM's clock minus ours (ms) as last measured; absent while they agree. Session times are on EM's clock. */
  emSkewMs?: number;
  /** The protection loop's memory; absent until its first check. */
  protection?: ProtectionMemory;
  /** RPO overrides set with `/veeam rpo`, by job UID. */
  rpoOverrides?: Record<string, RpoOverrideRecord>;
  /** Daily digests by `<channel>|<local date>`: pending before the post, sent after it (exactly once a day). */
  digests?: Record<string, DigestRecord>;
  /** Storm summaries by `<batch>|<channel>` (session and protection storms), kept to show a claim on them. */
  storms?: Record<string, StormRecord>;
  /**
   * Job actions in the single-process stores: in-progress marks by job UID, the audit history and the spent
   * confirmation tokens (one-time id -> expiry, ms), kept until they expire so a replay after a restart fails.
   */
  jobActions?: {
    inProgress: Record<string, ActionLock>;
    audit: ActionAuditEntry[];
    spentTokens?: Record<string, number>;
  };
}

/** A storm's summary message: what it showed (to show it again with a claim), who claimed it. */
export interface StormRecord {
  channel: string;
  ts: string;
  /** When it was posted (ms); pruned a day later once nothing in it is open. */
  at: number;
  shown: { text: string; blocks?: KnownBlock[] };
  claim?: IncidentClaim;
  /** A protection storm: its episodes; when all have recovered the claim is cleared. */
  episodes?: string[];
}

/** One channel's digest of one local day. */
export interface DigestRecord {
  channel: string;
  /** `YYYY-MM-DD` in DIGEST_TZ. */
  date: string;
  status: 'pending' | 'sent';
  decidedAt: number;
  ts?: string;
  late?: boolean;
}

/**
 * pending: decided, being posted (a crash here is settled on start from the channel history);
 * sent: posted (ts known); held: a Failed alert waiting ALERT_RETRY_GRACE for a retry;
 * dropped: a retry succeeded within the grace; muted: the job was muted; failed: Slack refused the channel
 * for good (channel_not_found, not_in_channel, is_archived, a dead token), so it is not retried.
 */
export type AlertStatus = 'pending' | 'sent' | 'held' | 'dropped' | 'muted' | 'failed';

export interface AlertRecord {
  /** `<session uid>|<channel>`. */
  key: string;
  uid: string;
  /** The session's entity Href, to fetch it again (a held alert released, a pending one re-posted). */
  href: string;
  channel: string;
  status: AlertStatus;
  /** Session end (ms): records older than the look-back window are pruned. */
  endedAt: number;
  jobKey: string;
  /** The job, for the success look-up of ALERT_RETRY_GRACE. */
  job: { sessionKind: string; ownerUid?: string; jobName: string; vmName?: string };
  result: string;
  /** When the record was made (ms). */
  decidedAt: number;
  /** The message it went out in (its own, the storm summary or the incident thread). */
  ts?: string;
  /** Set while held: post after this time unless a retry succeeded. */
  holdUntil?: number;
  /** The storm batch the alert went out in, if any (one summary message for many alerts). */
  batch?: string;
  /** The incident thread the alert went into, if any. */
  threadTs?: string;
}

export interface IncidentRecord {
  jobKey: string;
  jobName: string;
  /** The session type and owner UID, to look for the success that recovers the incident. */
  sessionKind: string;
  ownerUid?: string;
  /** For CDP task incidents, the VM. */
  vmName?: string;
  channel: string;
  /** The incident's message; retries go into its thread. */
  ts: string;
  rootUid: string;
  failures: number;
  /** How many of the failures were Veeam's automatic retries (IsRetry). */
  retries: number;
  lastResult: string;
  lastUid: string;
  /** End of the newest problem session (ms): a later success recovers the incident. */
  lastEndedAt: number;
  recoveredAt?: number;
  /** Who said "I'm on it" (the Claim button); cleared by the recovery. */
  claim?: IncidentClaim;
  /** The job actions its message offers (JOB_ACTIONS=on), from the job's own links when it was alerted. */
  jobActions?: ('retry' | 'start' | 'stop')[];
}

/** A claim of an incident: the Slack user, the name shown (no mention, so no ping) and when (ms). */
export interface IncidentClaim {
  by: string;
  name: string;
  at: number;
}

export interface FailoverRecord {
  uid: string;
  href: string;
  channel: string;
  ts: string;
  finished: boolean;
  announcedAt: number;
  /** What the message last showed (state, result, progress), to skip updates that change nothing. */
  signature?: string;
  /** Someone clicked Follow: the message shows the live failover view instead of the announcement. */
  followed?: boolean;
  /** The failover's name (an announcement), for the claim answers. */
  name?: string;
  /** The session's result once it stopped. */
  result?: string;
  /** Who claimed the announcement; cleared when the failover finishes with Success. */
  claim?: IncidentClaim;
}

export type AlertLevel = 'warning' | 'failed';

export interface Subscription {
  id: number;
  channel: string;
  /** One of the watched kinds (backup, replica, cdp, cdptask, failover). */
  type?: string;
  /** A job, policy or plan name or glob, case-insensitive. */
  job?: string;
  server?: string;
  level?: AlertLevel;
  /** An operator took these alerts out of ALERT_CHANNEL (only while the channel works). */
  exclusive?: boolean;
  /** Who made the rule and when (ms); absent on rules made before this was recorded. */
  by?: string;
  at?: number;
}

export interface Mute {
  job: string;
  until: number;
  by: string;
  channel: string;
  /** When it was made (ms); absent on mutes made before this was recorded. */
  at?: number;
  /** A snooze "until the job succeeds": the job's recovery ends it (`until` still caps it). */
  untilSuccess?: boolean;
}

/** A channel Slack refuses for good: since when, and Slack's code. A post that goes through ends the episode. */
export interface BrokenChannel {
  since: number;
  slackCode: string;
}

export interface OutageRecord {
  since: number | null;
  lastError: string | null;
  noticePosted: boolean;
}

/** A fresh state for a watcher that never ran. */
export function emptyState(): WatcherState {
  return {
    version: 1,
    firstStartedAt: null,
    lastPollAt: null,
    alerts: {},
    incidents: {},
    failovers: {},
    subscriptions: [],
    mutes: [],
    outage: { since: null, lastError: null, noticePosted: false },
    brokenChannels: {},
  };
}

/**
 * Drops what can no longer matter, so the file stays small however many alerts were sent: alert records
 * whose session ended before the oldest time a poll can still look at, recovered incidents after a day,
 * finished failovers and storm summaries after a day, expired mutes and expired job-action marks.
 */
export function pruneState(state: WatcherState, oldestRelevantMs: number, now: number): void {
  for (const [key, record] of Object.entries(state.alerts)) {
    if (record.status !== 'pending' && record.status !== 'held' && record.endedAt < oldestRelevantMs)
      delete state.alerts[key];
  }
  const day = 24 * 3_600_000;
  for (const [key, incident] of Object.entries(state.incidents)) {
    if (incident.recoveredAt !== undefined && incident.recoveredAt < now - day) delete state.incidents[key];
    else if (incident.recoveredAt === undefined && incident.lastEndedAt < now - 30 * day)
      delete state.incidents[key];
  }
  for (const [uid, failover] of Object.entries(state.failovers)) {
    if (failover.finished && failover.announcedAt < now - day) delete state.failovers[uid];
  }
  for (const [key, storm] of Object.entries(state.storms ?? {})) {
    const open = storm.episodes !== undefined && anyOpen(state.protection, storm.episodes);
    if (storm.at < now - day && !open) delete state.storms?.[key];
  }
  state.mutes = state.mutes.filter((mute) => mute.until > now);
  for (const [jobUid, lock] of Object.entries(state.jobActions?.inProgress ?? {})) {
    if (lock.expiresAt <= now) delete state.jobActions?.inProgress[jobUid];
  }
  const spent = state.jobActions?.spentTokens ?? {};
  for (const [nonce, expiresAt] of Object.entries(spent)) if (expiresAt <= now) delete spent[nonce];
}
