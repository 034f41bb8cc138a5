import type { ProtectionConfig } from '../config/load-config.js';
import type { Job, Repository, VmPoint } from '../em/estate-types.js';
import { assessVm, assessVmWithoutPoint, BOOTSTRAP_WINDOW_MS } from '../protection/assess.js';
import { LEARN_RUNS, rpoOfJob, type Rpo } from '../protection/rpo.js';
import { assessGone } from './protection-assess-gone.js';
import { assessRepository } from './protection-assess-repository.js';
import { assessDisabled, assessMissed } from './protection-assess-schedule.js';
import { closeEpisode, openAt, openEpisode } from './protection-episodes.js';
import type { ProtectionSnapshot, RecentSession } from './protection-read.js';
import type {
  ProtectionEpisode,
  ProtectionMemory,
  ProtectionVmMemory,
  RpoOverrideRecord,
} from './protection-state.js';

/** One alert a check opens: its episodes (several stale VMs of one job share one) and what it shows. */
export type ProtectionAlert =
  | {
      kind: 'missed';
      key: string;
      job: Job;
      episodes: ProtectionEpisode[];
      nextRun: number;
      lastStartedAt: number | undefined;
    }
  | { kind: 'disabled'; key: string; job: Job; episodes: ProtectionEpisode[] }
  | {
      kind: 'rpo';
      key: string;
      job: Job;
      episodes: ProtectionEpisode[];
      rpo: Rpo;
      /** Each stale VM with the age of its newest point; undefined: no restore point seen at all. */
      vms: { vm: string; ageMs: number | undefined }[];
      /** The job's last sessions, read after judging and only for the jobs alerted; undefined if unreadable. */
      sessions?: RecentSession[];
    }
  | {
      kind: 'repository';
      key: string;
      repository: Repository;
      episodes: ProtectionEpisode[];
      level: 'warning' | 'critical';
    };

/** What changed in one check. */
export interface ProtectionEvents {
  opened: ProtectionAlert[];
  /** Episodes that ended, with the line their thread gets. */
  recovered: { episode: ProtectionEpisode; line: string }[];
  /** Open repository episodes whose free space changed: their messages are updated in place. */
  changed: { episode: ProtectionEpisode; repository: Repository }[];
  /** Episode keys that changed (a critical repository alert demoted to warning), old key to new. */
  renamed: Map<string, string>;
}

/** The RPO of a job from the override, RPO_DEFAULT, its remembered runs or its remembered schedule. */
export function rpoOfRemembered(
  uid: string,
  memory: ProtectionMemory,
  overrides: Record<string, RpoOverrideRecord> | undefined,
  config: Pick<ProtectionConfig, 'rpoDefaultMs'>,
): Rpo | undefined {
  return rpoOfJob(uid, memory.jobs[uid], { overrides, rpoDefaultMs: config.rpoDefaultMs });
}

/**
 * Folds one snapshot into the memory and returns the episodes it opened and closed. Pure: the memory is the
 * only thing changed, `now` the only time read.
 */
export function assessSnapshot(
  memory: ProtectionMemory,
  snapshot: ProtectionSnapshot,
  ctx: { now: number; config: ProtectionConfig; overrides: Record<string, RpoOverrideRecord> | undefined },
): ProtectionEvents {
  const events: ProtectionEvents = { opened: [], recovered: [], changed: [], renamed: new Map() };
  const first = memory.lastCheckAt === null;
  // Indexed once per check: a thousand jobs must not each scan every point and every VM.
  const pointsByJob = groupBy(snapshot.points.values(), (p) => (p.backup?.name ?? '').toLowerCase());
  for (const job of snapshot.jobs)
    rememberJob(memory, job, snapshot, pointsByJob.get(job.name.toLowerCase()), ctx.now, first);
  const vmsByJob = groupBy(Object.values(memory.vms), (vm) => vm.jobUid);
  for (const job of snapshot.jobs) {
    assessMissed(memory, job, snapshot, ctx, events);
    if (!first) assessDisabled(memory, job, ctx.now, events);
    memory.jobs[job.uid] = {
      ...(memory.jobs[job.uid] as ProtectionMemory['jobs'][string]),
      enabled: job.schedule.enabled,
    };
    assessVms(memory, job, vmsByJob.get(job.uid) ?? [], ctx, events);
  }
  for (const repository of snapshot.repositories) assessRepository(memory, repository, ctx, events);
  assessGone(memory, snapshot, ctx.now, events);
  memory.lastCheckAt = ctx.now;
  return events;
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function rememberJob(
  memory: ProtectionMemory,
  job: Job,
  snapshot: ProtectionSnapshot,
  points: VmPoint[] = [],
  now: number,
  first: boolean,
): void {
  const known = memory.jobs[job.uid];
  const seen = snapshot.runsByJob.get(job.name.toLowerCase()) ?? [];
  const runs = [...new Set([...(known?.runs ?? []), ...seen])].sort((a, b) => b - a).slice(0, LEARN_RUNS);
  memory.jobs[job.uid] = {
    name: job.name,
    jobType: job.jobType,
    ...(job.backupServerName ? { server: job.backupServerName } : {}),
    enabled: known?.enabled ?? job.schedule.enabled,
    runs,
    ...(job.schedule.intervalMinutes !== undefined ? { intervalMinutes: job.schedule.intervalMinutes } : {}),
  };
  for (const point of points) {
    const at = point.creationTime?.getTime();
    if (at === undefined) continue;
    const vmKey = `${job.uid}\n${point.vmName.toLowerCase()}`;
    const previous = memory.vms[vmKey];
    if (previous && previous.newestAt >= at) continue;
    memory.vms[vmKey] = { jobUid: job.uid, vm: point.vmName, newestAt: at, kind: point.kind };
  }
  const noPoint = withoutPoint(memory, job.uid, snapshot.members.get(job.uid), known?.noPoint ?? {}, {
    since: first ? now - BOOTSTRAP_WINDOW_MS : now,
  });
  if (noPoint) (memory.jobs[job.uid] as ProtectionMemory['jobs'][string]).noPoint = noPoint;
}

/**
 * The VMs the job includes that have no restore point seen, each with the time it has been known so (kept from
 * the last check, else `since`); undefined when there are none or EM lists no includes.
 */
function withoutPoint(
  memory: ProtectionMemory,
  jobUid: string,
  members: string[] | undefined,
  previous: Record<string, { vm: string; since: number }>,
  opts: { since: number },
): Record<string, { vm: string; since: number }> | undefined {
  const none: Record<string, { vm: string; since: number }> = {};
  for (const vm of members ?? []) {
    const lower = vm.toLowerCase();
    if (memory.vms[`${jobUid}\n${lower}`]) continue;
    none[lower] = { vm, since: previous[lower]?.since ?? opts.since };
  }
  return Object.keys(none).length > 0 ? none : undefined;
}

function assessVms(
  memory: ProtectionMemory,
  job: Job,
  vms: ProtectionVmMemory[],
  ctx: { now: number; config: ProtectionConfig; overrides: Record<string, RpoOverrideRecord> | undefined },
  events: ProtectionEvents,
): void {
  const rpo = rpoOfRemembered(job.uid, memory, ctx.overrides, ctx.config);
  const breached: { episode: ProtectionEpisode; vm: string; ageMs: number | undefined }[] = [];
  for (const vm of vms) {
    const key = `rpo:${job.uid}:${vm.vm.toLowerCase()}`;
    const judged = assessVm(vm.newestAt, rpo, ctx.now);
    if (judged.state === 'protected') {
      closeEpisode(
        memory,
        key,
        `${vm.vm} is protected again (a restore point from ${new Date(vm.newestAt).toISOString()})`,
        ctx.now,
        events,
      );
      continue;
    }
    if (openAt(memory, key) || judged.breachedAt === undefined) continue;
    breached.push(openRpo(memory, job, vm.vm, judged.breachedAt, judged.ageMs));
  }
  // VMs the job includes with no point seen at all: stale ("no restore point") once the RPO has passed.
  for (const { vm, since } of Object.values(memory.jobs[job.uid]?.noPoint ?? {})) {
    const judged = assessVmWithoutPoint(since, rpo, ctx.now);
    if (judged.breachedAt === undefined || openAt(memory, `rpo:${job.uid}:${vm.toLowerCase()}`)) continue;
    breached.push(openRpo(memory, job, vm, judged.breachedAt, undefined));
  }
  if (breached.length === 0 || rpo === undefined) return;
  events.opened.push({
    kind: 'rpo',
    key: `rpo:${job.uid}:${ctx.now}`,
    job,
    episodes: breached.map((b) => b.episode),
    rpo,
    vms: breached.map(({ vm, ageMs }) => ({ vm, ageMs })),
  });
}

function openRpo(
  memory: ProtectionMemory,
  job: Job,
  vm: string,
  breachedAt: number,
  ageMs: number | undefined,
): { episode: ProtectionEpisode; vm: string; ageMs: number | undefined } {
  const episode = openEpisode(memory, {
    key: `rpo:${job.uid}:${vm.toLowerCase()}`,
    kind: 'rpo',
    name: job.name,
    vm,
    jobUid: job.uid,
    ...(job.backupServerName ? { server: job.backupServerName } : {}),
    startedAt: breachedAt,
  });
  return { episode, vm, ageMs };
}
