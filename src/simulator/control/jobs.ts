import { Result, SessionState } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import { landBackup } from '../store/points.js';
import { taskList } from '../store/tasks.js';
import { guidFromRng } from '../util/guid.js';
import { createRng, hash3 } from '../util/prng.js';
import type { World } from '../world.js';
import { parseJobSpec, type ParsedJob } from './job-spec.js';
import * as p from './parse-spec.js';
import { ControlError } from './session-spec.js';

const DAY = 86_400_000;
const GiB = 1024 ** 3;
/** History of a created job reaches back this far, and at most `MAX_PAST_RUNS` runs, unless `pastRuns` says. */
const HISTORY_MS = 30 * DAY;
const MAX_PAST_RUNS = 100;

/** What POST /_sim/jobs and /_sim/jobs/{id} answer. */
export interface JobCreated {
  uid: string;
  id: string;
  href: string;
}

function answer(owner: Owner, base: string): JobCreated {
  return {
    uid: `urn:veeam:Job:${owner.guid}`,
    id: owner.guid,
    href: `${base}/jobs/${owner.guid}?format=Entity`,
  };
}

/** A few minutes per run (3 min plus 30 s per VM, at most 10), at most a quarter of the interval. */
function runLength(spec: ParsedJob): number {
  return Math.min(
    Math.min(180_000 + spec.vmNames.length * 30_000, 600_000),
    (spec.everyMinutes * 60_000) / 4,
  );
}

function vmIndexes(world: World, names: string[], rng: () => number): number[] {
  const inv = world.store.inventory;
  return names.map((name) => {
    const found = inv.vmNamed(name);
    if (found) return found.index;
    const n = inv.vms.length;
    return inv.addVm({ name, uid: `urn:VMware:Vm:${guidFromRng(rng)}.vm-${9000 + n}`, totalSize: 40 * GiB })
      .index;
  });
}

function addRun(
  world: World,
  owner: Owner,
  creation: number,
  length: number,
  result: number,
  now: number,
  landed: boolean,
): void {
  const store = world.store;
  const id = store.add({
    kind: owner.kind,
    owner: owner.index,
    creation,
    end: creation + length,
    state: SessionState.Stopped,
    result,
    progress: 100,
    retry: false,
  });
  // Older runs' points are what retention already keeps on disk (the repository's starting free space); only the
  // newest run is new data, as with the scenario's generated history.
  if (landed) landBackup(store, id, taskList(store, id, now));
}

/**
 * POST /_sim/jobs: a scheduled job with a history of runs, one per interval, the last one ending
 * `lastRunMinutesAgo` before now with `lastResult` (earlier ones Success); NextRun is one interval after
 * the last start. A job whose last run is an interval or more ago is created stopped (NextRun past).
 */
export function createJob(world: World, body: unknown, now: number, base: string): JobCreated {
  const inv = world.store.inventory;
  const spec = parseJobSpec(body, inv);
  if (inv.ownerNamed('Job', spec.name))
    throw new ControlError(`name: a job named '${spec.name}' exists`, 409);
  const rng = createRng(hash3(world.store.seed, 0x70b5, inv.owners.length));
  const period = spec.everyMinutes * 60_000;
  const length = runLength(spec);
  const lastStart = now - spec.lastRunMinutesAgo * 60_000 - length;
  const repo = inv.repositories[spec.repositoryIndex];
  const owner = inv.addOwner({
    type: 'Job',
    kind: spec.kind,
    guid: guidFromRng(rng),
    name: spec.name,
    jobType: spec.jobType,
    platform: 'VMware',
    description: 'Created through the simulator control API',
    serverIndex: repo?.serverIndex ?? 0,
    vms: vmIndexes(world, spec.vmNames, rng),
    scheduleConfigured: true,
    scheduleEnabled: spec.scheduleEnabled,
    everyMinutes: spec.everyMinutes,
    startMinute: Math.floor((((lastStart % DAY) + DAY) % DAY) / 60_000),
    typicalDurationMs: length,
    tenantName: '',
    tenantGuid: '',
    repositoryIndex: spec.repositoryIndex,
    scheduleAnchor: lastStart,
    ...(lastStart + period <= now ? { haltedAt: lastStart + 1 } : {}),
  });
  const past = spec.pastRuns ?? Math.min(MAX_PAST_RUNS, Math.floor(HISTORY_MS / period));
  for (let k = past; k >= 1; k--)
    addRun(world, owner, lastStart - k * period, length, Result.Success, now, false);
  addRun(world, owner, lastStart, length, spec.lastResult, now, true);
  world.schedule.add(owner, lastStart + period, spec.lastResult);
  return answer(owner, base);
}

function findJob(world: World, ref: string): Owner {
  const inv = world.store.inventory;
  const guid = ref.slice(ref.lastIndexOf(':') + 1);
  const owner = inv.ownerByGuid(guid) ?? inv.ownerNamed('Job', ref);
  const found = owner ?? inv.ownerNamed('CdpPolicy', ref);
  // A CDP policy has a schedule too (ScheduleEnabled, NextRun): it is changed like a job.
  if (!found || (found.type !== 'Job' && found.type !== 'CdpPolicy'))
    throw new ControlError(`no job '${ref}'`, 404);
  return found;
}

/** POST /_sim/jobs/{name or id} (a job or a CDP policy): `scheduleEnabled`, `stopRunning: true` or `resumeRunning: true`. */
export function patchJob(world: World, ref: string, body: unknown, now: number, base: string): JobCreated {
  const owner = findJob(world, ref);
  const b = p.objectBody(body);
  const unknown = Object.keys(b).find(
    (k) => !['scheduleEnabled', 'stopRunning', 'resumeRunning'].includes(k),
  );
  if (unknown !== undefined) throw new ControlError(`${unknown} is not a job setting`);
  const enabled = p.boolValue(b.scheduleEnabled, 'scheduleEnabled');
  const stop = p.boolValue(b.stopRunning, 'stopRunning');
  const resume = p.boolValue(b.resumeRunning, 'resumeRunning');
  if (enabled === undefined && stop === undefined && resume === undefined)
    throw new ControlError('give scheduleEnabled, stopRunning or resumeRunning');
  if (stop && resume) throw new ControlError('stopRunning and resumeRunning exclude each other');
  if (enabled !== undefined) {
    owner.scheduleEnabled = enabled;
    if (enabled) owner.scheduleConfigured = true;
  }
  if (stop && owner.haltedAt === undefined) owner.haltedAt = now;
  if (resume) delete owner.haltedAt;
  return answer(owner, base);
}
