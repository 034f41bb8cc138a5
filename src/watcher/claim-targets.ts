import type { IncidentClaim, WatcherState } from './state.js';
import { anyOpen } from './protection-state.js';

/** The kinds of message a Claim button can be on, named by the prefix of its value (an incident has none). */
export type ClaimKind = 'incident' | 'protection' | 'failover' | 'storm';

/** The value prefix of a protection alert's buttons: `protection:<episode key>`. */
export const PROTECTION_CLAIM = 'protection:';
/** A failover announcement's buttons carry its record key, `failover:<uid>|<channel>`. */
export const FAILOVER_CLAIM = 'failover:';
/** The value prefix of a storm summary's Claim button: `storm:<batch>|<channel>`. */
export const STORM_CLAIM = 'storm:';

/** What a Claim (or Snooze) button's value points at in the state. */
export interface ClaimTarget {
  kind: ClaimKind;
  /** What the answers call it: `incident`, `alert`, `failover`, `storm`. */
  noun: string;
  /** The job, repository or failover it is about (answers and the audit line). */
  name: string;
  claim?: IncidentClaim;
  /** False once it recovered (or the failover succeeded): nothing left to claim. */
  open: boolean;
  /** Stores a claim (undefined clears it); the caller saves the state. */
  set(claim: IncidentClaim | undefined): void;
  /** The job a Snooze mutes and the thread its announcement goes to; absent when it offers no Snooze. */
  snooze?: { jobName: string; channel: string; threadTs: string };
}

/** The target of a button value, or undefined when the state has nothing under it. */
export function claimTargetOf(state: WatcherState, value: string, channel: string): ClaimTarget | undefined {
  if (value.startsWith(PROTECTION_CLAIM))
    return protectionTarget(state, value.slice(PROTECTION_CLAIM.length), channel);
  if (value.startsWith(FAILOVER_CLAIM)) return failoverTarget(state, value);
  if (value.startsWith(STORM_CLAIM)) return stormTarget(state, value.slice(STORM_CLAIM.length));
  const incident = state.incidents[value];
  if (!incident) return undefined;
  return {
    kind: 'incident',
    noun: 'incident',
    name: incident.jobName,
    ...(incident.claim ? { claim: incident.claim } : {}),
    open: incident.recoveredAt === undefined,
    set: (claim) => (claim ? (incident.claim = claim) : delete incident.claim),
    snooze: { jobName: incident.jobName, channel: incident.channel, threadTs: incident.ts },
  };
}

function protectionTarget(state: WatcherState, key: string, channel: string): ClaimTarget | undefined {
  const memory = state.protection;
  const episode = memory?.episodes[key];
  if (!memory || !episode) return undefined;
  const keys = [key, ...(episode.group ?? [])];
  const threadTs = episode.messages[channel];
  return {
    kind: 'protection',
    noun: 'alert',
    name: episode.name,
    ...(episode.claim ? { claim: episode.claim } : {}),
    open: anyOpen(memory, keys),
    set: (claim) => (claim ? (episode.claim = claim) : delete episode.claim),
    ...(episode.kind !== 'repository' && threadTs
      ? { snooze: { jobName: episode.name, channel, threadTs } }
      : {}),
  };
}

function failoverTarget(state: WatcherState, key: string): ClaimTarget | undefined {
  const record = state.failovers[key];
  if (!record || record.followed) return undefined;
  return {
    kind: 'failover',
    noun: 'failover',
    name: record.name ?? 'the failover',
    ...(record.claim ? { claim: record.claim } : {}),
    // A failover that stopped is closed once it succeeded (or left no result: EM dropped it, the message is gone).
    open: !record.finished || (record.result !== undefined && record.result !== 'Success'),
    set: (claim) => (claim ? (record.claim = claim) : delete record.claim),
  };
}

function stormTarget(state: WatcherState, key: string): ClaimTarget | undefined {
  const storm = state.storms?.[key];
  if (!storm) return undefined;
  return {
    kind: 'storm',
    noun: 'storm',
    name: 'the storm of alerts',
    ...(storm.claim ? { claim: storm.claim } : {}),
    // A protection storm closes when all its episodes recovered; a session storm opens no incident, so it stays open.
    open: storm.episodes === undefined || anyOpen(state.protection, storm.episodes),
    set: (claim) => (claim ? (storm.claim = claim) : delete storm.claim),
  };
}
