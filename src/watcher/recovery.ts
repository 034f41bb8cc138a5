import type { EmClient } from '../em/client.js';
import { jobNameOfTask } from '../em/lookups.js';
import { enumValue, where, type Filter } from '../em/query.js';
import { SESSION_FIELDS, TASK_FIELDS } from '../em/query-fields.js';
import type { Session, SessionKind, TaskSession } from '../em/types.js';
import { isAppError, ErrorCode } from '../shared/errors.js';

/** What identifies a job for the success look-up: its session type and its UID or name. */
export interface JobIdentity {
  sessionKind: string;
  ownerUid?: string;
  jobName: string;
  /** For CDP task incidents, the VM. */
  vmName?: string;
}

/**
 * The first session of a job that ended with Success after `afterMs` (a retry or the next run), or undefined.
 * One filtered query with page size 1. Names EM gave us that the filter cannot carry safely are skipped.
 */
export async function firstSuccessAfter(
  client: EmClient,
  job: JobIdentity,
  afterMs: number,
): Promise<Session | TaskSession | undefined> {
  try {
    if (job.sessionKind === 'CdpReplicaTaskSession') return await firstCdpTaskSuccess(client, job, afterMs);
    if (!(job.sessionKind in SESSION_FIELDS)) return undefined;
    const kind = job.sessionKind as SessionKind;
    const fields = SESSION_FIELDS[kind];
    const owner: Filter =
      job.ownerUid && fields.ownerUid
        ? where(fields.ownerUid, '==', job.ownerUid)
        : where(fields.owner, '==', job.jobName);
    const filter: Filter = {
      and: [
        owner,
        where(fields.result, '==', enumValue('Success')),
        where(fields.end, '>', new Date(afterMs)),
      ],
    };
    const [first] = await client.querySessions({ type: kind, filter, sortAsc: fields.end, pageSize: 1 }, 1);
    return first;
  } catch (error) {
    if (isAppError(error, ErrorCode.FilterValue)) return undefined;
    throw error;
  }
}

async function firstCdpTaskSuccess(
  client: EmClient,
  job: JobIdentity,
  afterMs: number,
): Promise<TaskSession | undefined> {
  if (!job.vmName) return undefined;
  const fields = TASK_FIELDS.CdpReplicaTaskSession;
  const filter: Filter = {
    and: [
      where(fields.vm, '==', job.vmName),
      where(fields.result, '==', enumValue('Success')),
      where(fields.end, '>', new Date(afterMs)),
    ],
  };
  // The filter holds the VM only; the same VM can be protected by another policy, so check the parent's name.
  const tasks = await client.queryTaskSessions(
    { type: 'CdpReplicaTaskSession', filter, sortAsc: fields.end, pageSize: 20 },
    20,
  );
  return tasks.find((task) => (jobNameOfTask(task) ?? '').toLowerCase() === job.jobName.toLowerCase());
}

const UIDS_PER_QUERY = 25;
const SUCCESSES_PER_QUERY = 500;

/**
 * For many jobs at once, the first success after each one's time: jobs with a UID are asked in batches, one
 * query per session type and 25 jobs (`(JobUid==a,JobUid==b);Result==Success;EndTime>min`), so a poll with
 * twenty open incidents costs one request, not twenty. The others are asked one by one.
 */
export async function firstSuccesses(
  client: EmClient,
  items: Array<{ job: JobIdentity; afterMs: number }>,
): Promise<Array<Session | TaskSession | undefined>> {
  const found: Array<Session | TaskSession | undefined> = items.map(() => undefined);
  const batchable = new Map<SessionKind, number[]>();
  const single: number[] = [];
  items.forEach(({ job }, index) => {
    const fields = SESSION_FIELDS[job.sessionKind as SessionKind] as
      (typeof SESSION_FIELDS)[SessionKind] | undefined;
    if (fields?.ownerUid && job.ownerUid)
      batchable.set(job.sessionKind as SessionKind, [
        ...(batchable.get(job.sessionKind as SessionKind) ?? []),
        index,
      ]);
    else single.push(index);
  });
  for (const [kind, indexes] of batchable) {
    for (let start = 0; start < indexes.length; start += UIDS_PER_QUERY) {
      const chunk = indexes.slice(start, start + UIDS_PER_QUERY);
      const successes = await batchQuery(
        client,
        kind,
        chunk.map((i) => items[i] as { job: JobIdentity; afterMs: number }),
      );
      for (const i of chunk) {
        const { job, afterMs } = items[i] as { job: JobIdentity; afterMs: number };
        found[i] = successes.find((s) => s.jobUid === job.ownerUid && (s.endTime?.getTime() ?? 0) > afterMs);
      }
    }
  }
  for (const i of single) {
    const item = items[i] as { job: JobIdentity; afterMs: number };
    found[i] = await firstSuccessAfter(client, item.job, item.afterMs);
  }
  return found;
}

async function batchQuery(
  client: EmClient,
  kind: SessionKind,
  chunk: Array<{ job: JobIdentity; afterMs: number }>,
): Promise<Session[]> {
  const fields = SESSION_FIELDS[kind];
  const owners = [...new Set(chunk.map((c) => c.job.ownerUid as string))];
  const since = Math.min(...chunk.map((c) => c.afterMs));
  const filter: Filter = {
    and: [
      { or: owners.map((uid) => where(fields.ownerUid as string, '==', uid)) },
      where(fields.result, '==', enumValue('Success')),
      where(fields.end, '>', new Date(since)),
    ],
  };
  return client.querySessions(
    { type: kind, filter, sortAsc: fields.end, pageSize: 200 },
    SUCCESSES_PER_QUERY,
  );
}
