import { jobAt } from '../em/estate.js';
import type { JobAction } from '../em/job-actions.js';
import { upLink } from '../em/lookups.js';
import type { AlertSubject } from './alert-subject.js';
import type { PollContext } from './poll-context.js';

/**
 * The job actions an alert offers when JOB_ACTIONS is on: `Retry` on a Failed run, `Start` / `Stop`, each only
 * where the job's own entity links offer it (a job type without the link gets no button). One GET of the job;
 * when it fails the alert goes out without buttons.
 */
export async function offeredJobActions(ctx: PollContext, subject: AlertSubject): Promise<JobAction[]> {
  if (!ctx.jobActions || !subject.session || subject.kind === 'failover') return [];
  const up = upLink(subject.session, 'JobReference');
  if (!up) return [];
  try {
    const job = await jobAt(ctx.em, up.href);
    const offered: JobAction[] = [];
    if (subject.result === 'Failed' && job.actions.retry) offered.push('retry');
    if (job.actions.start) offered.push('start');
    if (job.actions.stop) offered.push('stop');
    return offered;
  } catch (error) {
    ctx.logger.warn({ job: subject.jobName, err: String(error) }, 'could not read the job’s action links');
    return [];
  }
}
