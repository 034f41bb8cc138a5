import type { EmClient } from '../em/client.js';
import { EmError } from '../em/errors.js';
import { queryRaw } from '../em/estate-query.js';
import { mapJob } from '../em/mappers/estate.js';
import { fail, pass, skip, type CheckResult } from './check.js';

const NAME = 'Job actions role';

/** How many jobs the check reads (one page): enough to find one whose type offers an action. */
const JOBS_READ = 5;

const FIX =
  'give the EM account (VEEAM_USERNAME) the Portal Administrator role in Enterprise Manager (Configuration > Roles); ' +
  'a Portal User or a Restore Operator cannot start, stop or retry jobs';

/**
 * JOB_ACTIONS=on: whether EM lets this account run job actions, checked without running any. It reads a page of
 * jobs and looks for their `Start`/`Stop`/`Retry` links; a 403 on the read or jobs without any such link mean the
 * account's role may not act (docs/em-protocol.md, "Action links and roles" and "Roles for job actions").
 */
export async function checkActionRole(client: EmClient): Promise<CheckResult> {
  let jobs;
  try {
    const items = await queryRaw(client, { type: 'Job', format: 'Entities', pageSize: JOBS_READ }, JOBS_READ);
    jobs = items.map((item) => mapJob(item.node));
  } catch (error) {
    if (error instanceof EmError && error.status === 403)
      return fail(NAME, 'Enterprise Manager refused to show this account its jobs (403)', FIX);
    return fail(
      NAME,
      `could not read a job: ${error instanceof Error ? error.message : String(error)}`,
      'check that the account can read jobs, then run the doctor again',
    );
  }
  if (jobs.length === 0) return skip(NAME, 'Enterprise Manager lists no job to read the action links of');
  const able = jobs.find((job) => Object.keys(job.actions).length > 0);
  if (!able) {
    return fail(
      NAME,
      `Enterprise Manager shows this account jobs without Start, Stop or Retry links (read ${jobs.length}, nothing started)`,
      FIX,
    );
  }
  const offered = Object.keys(able.actions).join(', ');
  return pass(
    NAME,
    `the account may run job actions ("${able.name}" offers ${offered}; nothing was started)`,
  );
}
