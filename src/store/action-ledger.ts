import type { JobAction } from '../em/job-actions.js';

/** A job marked "a confirmed action is in progress": who, what, where it was reported, until when it holds. */
export interface ActionLock {
  jobUid: string;
  jobName: string;
  action: JobAction;
  user: string;
  /** Where the action is reported: the channel, the thread and (once posted) the "requested" message. */
  channel: string;
  threadTs?: string;
  ts?: string;
  /** The confirmation token's one-time id: only its holder refreshes or ends the mark. */
  nonce: string;
  at: number;
  /** After this (ms) the mark is void, so a process that died holding it does not lock the job for ever. */
  expiresAt: number;
}

/** One audited step of a job action: request, confirmation, refusal or result. */
export interface ActionAuditEntry {
  at: number;
  user: string;
  job: string;
  action: string;
  outcome: string;
  /** EM's message, the task ID or the session's result, when there is one. */
  detail?: string;
  /** The incident whose alert's button asked for the action (its key in the state): that incident's history. */
  incident?: string;
}

/** How many audit entries the state keeps (the oldest go first). */
export const AUDIT_LIMIT = 500;

/**
 * Job actions in the state: the in-progress mark per job and the audit history. One contract for every store
 * (test/integration/store/action-ledger-contract.ts): on PostgreSQL a conditional insert decides between
 * replicas; in the single-process stores a check-and-set on the state in memory, saved with it.
 */
export interface ActionLedger {
  /**
   * Marks `lock.jobUid` in progress unless a live mark with another nonce holds it. Answers undefined when the
   * caller holds the mark now (new, an expired one replaced, or its own refreshed, e.g. with `ts`), else the holder.
   */
  begin(lock: ActionLock, now: number): Promise<ActionLock | undefined>;
  /** Ends the mark if `nonce` still holds it. */
  end(jobUid: string, nonce: string): Promise<void>;
  record(entry: ActionAuditEntry): Promise<void>;
  /** The newest `limit` audit entries, oldest first. */
  history(limit: number): Promise<ActionAuditEntry[]>;
}
