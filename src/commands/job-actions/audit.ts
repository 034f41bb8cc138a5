import type { CommandDeps } from '../types.js';

/** One audited step: who, which job, which action, what came of it, and EM's detail when there is one. */
export interface AuditStep {
  user: string;
  job: string;
  action: string;
  outcome: string;
  detail?: string;
  /** The incident key when the action came from an alert's button. */
  incident?: string;
  /** Extra fields for the log line only (an error's text). */
  log?: Record<string, unknown>;
}

/**
 * Audits a job action's step twice: a structured log line (`audit: true`) and an entry in the state's ledger.
 * A ledger that cannot be written is logged, never a reason to stop the action.
 */
export async function auditAction(deps: CommandDeps, step: AuditStep, message = 'job action'): Promise<void> {
  const { log, ...entry } = step;
  deps.logger.info({ audit: true, ...entry, ...log }, message);
  const ledger = deps.jobActions?.ledger;
  if (!ledger) return;
  await ledger.record({ at: deps.clock.now(), ...entry }).catch((error: unknown) => {
    deps.logger.error({ err: String(error), ...entry }, 'could not keep a job action’s audit entry');
  });
}
