import type { ActionTokens } from './action-token.js';
import type { JobOperators } from './operators.js';

/** What job actions need beyond the commands' deps; absent when JOB_ACTIONS is off. */
export interface JobActionsDeps {
  operators: JobOperators;
  tokens: ActionTokens;
  /** Jobs (by UID) with a confirmed action in progress, and the message that reported it. */
  running: Map<string, { channel: string; ts: string; action: string }>;
}
