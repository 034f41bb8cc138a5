import type { ActionLedger } from '../../store/action-ledger.js';
import type { SpendToken } from '../../store/token-spend.js';
import type { ActionTokens } from './action-token.js';
import type { FollowLimits } from './follow-action.js';
import type { JobOperators } from './operators.js';

/** What job actions need beyond the commands' deps; absent when JOB_ACTIONS is off. */
export interface JobActionsDeps {
  operators: JobOperators;
  tokens: ActionTokens;
  /** Spends a confirmation token once, durably (across restarts and replicas): a replay does nothing. */
  spendToken: SpendToken;
  /** The in-progress mark per job (one confirmed action at a time, across replicas) and the audit history. */
  ledger: ActionLedger;
  /** Waits between EM polls (the task, the session); tests pass one their stepped clock wakes. Default: timers. */
  sleep?: (ms: number) => Promise<void>;
  /** How the started session is followed; default DEFAULT_FOLLOW_LIMITS. */
  followLimits?: FollowLimits;
}
