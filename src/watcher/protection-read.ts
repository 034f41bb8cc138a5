import type { EmClient } from '../em/client.js';
import { queryRaw } from '../em/estate-query.js';
import type { Job, Repository, VmPoint } from '../em/estate-types.js';
import { repositoriesBySpace } from '../em/estate.js';
import { latestSessionsOf } from '../em/lookups.js';
import { mapJob, mapJobIncludes, mapVmPoint } from '../em/mappers/estate.js';
import { where } from '../em/query.js';
import { newestStartsSince } from '../em/session-starts.js';
import { runStarts, type PointOfRun } from '../protection/runs.js';
import { sessionKindOfJob } from '../protection/watched.js';

/** What one protection check read from EM: jobs, the newest points in the window, repositories. */
export interface ProtectionSnapshot {
  jobs: Job[];
  /**
   * Whether each listing can show that something is gone: it listed at least one job or repository (none at all
   * is more likely a fault of the moment than an emptied estate) and stopped short of its limit (past it, EM may
   * hold more than was read).
   */
  listedAll: { jobs: boolean; repositories: boolean };
  /** Newest point per `<job name lower>\n<vm lower>` in the window, and every run start seen per job name. */
  points: Map<string, VmPoint>;
  runsByJob: Map<string, number[]>;
  repositories: Repository[];
  /** The VMs each watched job includes, by job UID (jobs whose entity lists includes). */
  members: Map<string, string[]>;
  /**
   * Newest session start per job UID since the earliest missed slot of the jobs whose NextRun passed or whose
   * missed run is open (only those are read); a job without one is absent: nothing started since its slot.
   */
  lastStarts: Map<string, number>;
}

/** The most points one check reads; a window holding more is cut at the newest ones (and logged). */
export const MAX_POINTS = 200_000;
/** The most jobs (and, apart, CDP policies) and repositories one check lists. */
const JOB_LIMIT = 10_000;
const REPOSITORY_LIMIT = 1_000;

/** A job or CDP policy with the VMs it includes by name; `vms` undefined when its entity lists no includes. */
export interface WatchedOwner {
  job: Job;
  vms: string[] | undefined;
}

/**
 * Every CDP policy entity, as a job of type `CdpReplica`: it carries the same `ScheduleConfigured`,
 * `ScheduleEnabled` and `NextRun` (docs/em-protocol.md, "CDP policies and protection").
 */
export async function allPolicies(client: EmClient): Promise<Job[]> {
  return (await ownersOf(client, 'CdpPolicy')).owners.map((o) => o.job);
}

/** The jobs or policies EM lists, and whether the listing reached its limit (EM may hold more). */
async function ownersOf(
  client: EmClient,
  type: 'Job' | 'CdpPolicy',
  limit = JOB_LIMIT,
): Promise<{ owners: WatchedOwner[]; cut: boolean }> {
  const items = await queryRaw(client, { type, format: 'Entities', pageSize: Math.min(limit, 500) }, limit);
  const owners = items
    .filter((item) => item.element === type || item.node['@_Type'] === type)
    .map((item) => {
      const job = mapJob(item.node);
      return {
        job: type === 'CdpPolicy' ? { ...job, jobType: 'CdpReplica' } : job,
        vms: mapJobIncludes(item.node),
      };
    });
  return { owners, cut: items.length >= limit };
}

/**
 * The points created since `since`, one filtered and sorted query per kind (docs/em-protocol.md, "Restore
 * points"): the newest per job and VM, and per job the start of each run (`runStarts`).
 */
export async function pointsSince(
  client: EmClient,
  since: Date,
): Promise<{ points: Map<string, VmPoint>; runsByJob: Map<string, number[]> }> {
  const points = new Map<string, VmPoint>();
  const runs = new Map<string, PointOfRun[]>();
  for (const kind of ['VmRestorePoint', 'VmReplicaPoint'] as const) {
    const items = await queryRaw(
      client,
      {
        type: kind,
        format: 'Entities',
        filter: where('CreationTime', '>=', since),
        sortDesc: 'CreationTime',
        pageSize: 1000,
      },
      MAX_POINTS,
    );
    for (const item of items) notePoint(mapVmPoint(kind, item.node), points, runs);
  }
  const runsByJob = new Map([...runs].map(([job, ofJob]) => [job, runStarts(ofJob)]));
  return { points, runsByJob };
}

function notePoint(point: VmPoint, points: Map<string, VmPoint>, runs: Map<string, PointOfRun[]>): void {
  const at = point.creationTime?.getTime();
  if (at === undefined) return;
  const job = (point.backup?.name ?? '').toLowerCase();
  const key = `${job}\n${point.vmName.toLowerCase()}`;
  if (!points.has(key)) points.set(key, point);
  const ofJob = runs.get(job) ?? [];
  ofJob.push({ at, vm: point.vmName, run: point.restorePoint?.href });
  runs.set(job, ofJob);
}

/** The newest session start of a job (backup or replication sessions, by its type), a page of one: a missed-run alert shows it. */
export async function newestStartOf(client: EmClient, job: Job): Promise<number | undefined> {
  const [newest] = await latestSessionsOf(client, sessionKindOfJob(job.jobType), { uid: job.uid }, 1);
  return newest?.creationTime?.getTime();
}

/** One of a job's last sessions as an RPO alert shows it. */
export interface RecentSession {
  result: string;
  state: string;
  endTime: Date | undefined;
}

/** How many of the job's last sessions an RPO alert shows. */
export const RECENT_SESSIONS = 3;

/**
 * The newest RECENT_SESSIONS sessions of one alerted job: one query filtered on the job's UID, sorted newest first,
 * one page of RECENT_SESSIONS (the cost grows with the alerts, not with the estate).
 */
export async function recentSessionsOf(
  client: EmClient,
  job: Pick<Job, 'uid' | 'jobType'>,
): Promise<RecentSession[]> {
  const sessions = await latestSessionsOf(
    client,
    sessionKindOfJob(job.jobType),
    { uid: job.uid },
    RECENT_SESSIONS,
  );
  return sessions.map((s) => ({ result: s.result, state: s.state, endTime: s.endTime }));
}

/** Reads what a check needs; throws what EM throws (the caller turns it into an outage, assessing nothing). */
export async function readProtection(
  client: EmClient,
  opts: {
    since: Date;
    missedBefore: number;
    isWatched: (job: Job) => boolean;
    /** Read CDP policies too (WATCH_TYPES has `cdp`). */
    policies: boolean;
    /**
     * Jobs with a missed run open, by UID, with the missed slot: a start since says they ran again, none that they
     * are just no longer due.
     */
    openMissed: ReadonlyMap<string, number>;
    /** The most jobs (policies apart) and repositories listed: JOB_LIMIT and REPOSITORY_LIMIT unless a test says. */
    limits?: { jobs: number; repositories: number };
  },
): Promise<ProtectionSnapshot> {
  const limits = opts.limits ?? { jobs: JOB_LIMIT, repositories: REPOSITORY_LIMIT };
  const policies = opts.policies
    ? await ownersOf(client, 'CdpPolicy', limits.jobs)
    : { owners: [], cut: false };
  const plain = await ownersOf(client, 'Job', limits.jobs);
  const listed = [...plain.owners, ...policies.owners];
  const owners = listed.filter((o) => opts.isWatched(o.job));
  const jobs = owners.map((o) => o.job);
  const members = new Map(owners.flatMap((o) => (o.vms ? [[o.job.uid, o.vms] as const] : [])));
  const { points, runsByJob } = await pointsSince(client, opts.since);
  const candidates = jobs.filter(
    (job) =>
      opts.openMissed.has(job.uid) ||
      (job.schedule.enabled &&
        job.schedule.nextRun !== undefined &&
        job.schedule.nextRun.getTime() < opts.missedBefore),
  );
  const slots = candidates.map((job) => opts.openMissed.get(job.uid) ?? job.schedule.nextRun?.getTime() ?? 0);
  const lastStarts =
    candidates.length === 0
      ? new Map<string, number>()
      : await newestStartsSince(
          client,
          candidates.map((job) => ({ uid: job.uid, kind: sessionKindOfJob(job.jobType) })),
          new Date(Math.min(...slots)),
        );
  const repositories = await repositoriesBySpace(client, limits.repositories);
  const listedAll = {
    jobs: listed.length > 0 && !plain.cut && !policies.cut,
    repositories: repositories.length > 0 && repositories.length < limits.repositories,
  };
  return { jobs, listedAll, members, points, runsByJob, repositories, lastStarts };
}
