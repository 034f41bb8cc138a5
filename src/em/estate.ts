import { ErrorCode } from '../shared/errors.js';
import type { EmClient } from './client.js';
import { EmError } from './errors.js';
import type { Job, Repository, VmPoint } from './estate-types.js';
import { collectionItems, queryRaw, type RawItem } from './estate-query.js';
import { mapJob, mapRepository, mapVmPoint } from './mappers/estate.js';
import { links } from './mappers/fields.js';
import { where, type Filter } from './query.js';
import { withEntityFormat } from './lookups.js';

/** Query-service field names the estate look-ups filter on (docs/em-protocol.md, "Estate query fields"). */
const FIELDS = {
  creation: 'CreationTime',
  vm: 'VmDisplayName',
  backupName: 'BackupName',
  nextRun: 'NextRun',
  name: 'Name',
} as const;

const isJob = (item: RawItem): boolean => item.element === 'Job' || item.node['@_Type'] === 'Job';

/** One job entity by its Href (a reference Href is turned into its entity form). */
export async function jobAt(client: EmClient, href: string): Promise<Job> {
  const document = await client.getXml(withEntityFormat(href));
  if (document.root !== 'Job') {
    throw new EmError(ErrorCode.EmParse, `expected a Job, got <${document.root}>`, { request: 'GET job' });
  }
  return mapJob(document.node);
}

/** Jobs named `name` (EM compares names case-insensitively; docs/em-protocol.md, "Case of string comparisons"). */
export async function jobsNamed(client: EmClient, name: string, limit = 10): Promise<Job[]> {
  const items = await queryRaw(
    client,
    { type: 'Job', format: 'Entities', filter: where(FIELDS.name, '==', name), pageSize: limit },
    limit,
  );
  return items.filter(isJob).map((item) => mapJob(item.node));
}

/**
 * Jobs with a configured, enabled schedule whose `NextRun` is before `now`: `NextRun` is a filter field of the
 * Job query type, so EM does the filtering; the schedule flags are checked here (docs/em-protocol.md, "Jobs and their schedules").
 */
export async function jobsWithNextRunBefore(client: EmClient, now: Date, limit = 1000): Promise<Job[]> {
  const items = await queryRaw(
    client,
    {
      type: 'Job',
      format: 'Entities',
      filter: where(FIELDS.nextRun, '<', now),
      sortAsc: FIELDS.nextRun,
      pageSize: Math.min(limit, 500),
    },
    limit,
  );
  return items
    .filter(isJob)
    .map((item) => mapJob(item.node))
    .filter(
      (job) =>
        job.schedule.configured &&
        job.schedule.enabled &&
        job.schedule.nextRun !== undefined &&
        job.schedule.nextRun < now,
    );
}

/** Every repository with its free space, fullest first (the Repository query type, paged). */
export async function repositoriesBySpace(client: EmClient, limit = 1000): Promise<Repository[]> {
  const items = await queryRaw(
    client,
    { type: 'Repository', format: 'Entities', pageSize: Math.min(limit, 500) },
    limit,
  );
  return items
    .map((item) => mapRepository(item.node))
    .sort((a, b) => (a.freePercent ?? 101) - (b.freePercent ?? 101));
}

const POINT_KINDS = ['VmRestorePoint', 'VmReplicaPoint'] as const;

/** The newest points of one VM, newest first: one sorted query per kind, a page of `limit` (docs/em-protocol.md, "Restore points"). */
export async function newestPointsOfVm(
  client: EmClient,
  vmName: string,
  kind: VmPoint['kind'],
  limit = 1,
): Promise<VmPoint[]> {
  const items = await queryRaw(
    client,
    {
      type: kind,
      format: 'Entities',
      filter: where(FIELDS.vm, '==', vmName),
      sortDesc: FIELDS.creation,
      pageSize: limit,
    },
    limit,
  );
  return items.map((item) => mapVmPoint(kind, item.node));
}

/** A VM's newest backup point and newest replica point (either may be missing). */
export async function newestPointOfVm(
  client: EmClient,
  vmName: string,
): Promise<{ backup: VmPoint | undefined; replica: VmPoint | undefined }> {
  const [backup, replica] = await Promise.all(
    POINT_KINDS.map(async (kind) => (await newestPointsOfVm(client, vmName, kind, 1))[0]),
  );
  return { backup, replica };
}

/**
 * The newest point per VM and job created at or after `since`, from one filtered, sorted, paged query: what a
 * protection check needs, without listing older points. Keyed `<job name>\n<vm name>`, both lower-cased.
 */
export async function newestPointsSince(
  client: EmClient,
  kind: VmPoint['kind'],
  since: Date,
  limit: number,
): Promise<Map<string, VmPoint>> {
  const filter: Filter = where(FIELDS.creation, '>=', since);
  const items = await queryRaw(
    client,
    { type: kind, format: 'Entities', filter, sortDesc: FIELDS.creation, pageSize: Math.min(limit, 1000) },
    limit,
  );
  const newest = new Map<string, VmPoint>();
  for (const item of items) {
    const point = mapVmPoint(kind, item.node);
    const key = pointKey(point.backup?.name ?? '', point.vmName);
    if (!newest.has(key)) newest.set(key, point);
  }
  return newest;
}

/** The key `newestPointsSince` files a point under. */
export function pointKey(jobName: string, vmName: string): string {
  return `${jobName.toLowerCase()}\n${vmName.toLowerCase()}`;
}

/**
 * The newest restore point of each named VM of a backup job: the job's runs newest first (RestorePoint query by
 * `BackupName`, EM names a backup after its job), then each run's VM points, until every VM has one or
 * `maxRuns` runs were read. VMs without a point in those runs map to undefined.
 */
export async function newestRestorePointsOfJob(
  client: EmClient,
  job: { name: string; vmNames: string[] },
  maxRuns = 20,
): Promise<Map<string, VmPoint | undefined>> {
  const wanted = new Map(job.vmNames.map((vm) => [vm.toLowerCase(), vm]));
  const found = new Map<string, VmPoint | undefined>(job.vmNames.map((vm) => [vm, undefined]));
  const runs = await queryRaw(
    client,
    {
      type: 'RestorePoint',
      format: 'Entities',
      filter: where(FIELDS.backupName, '==', job.name),
      sortDesc: FIELDS.creation,
      pageSize: Math.min(maxRuns, 100),
    },
    maxRuns,
  );
  for (const run of runs) {
    if (wanted.size === 0) break;
    const down = vmPointsLink(run);
    if (!down) continue;
    const document = await client.getXml(withEntityFormat(down));
    for (const item of collectionItems(document.node)) {
      const point = mapVmPoint('VmRestorePoint', item.node);
      const vm = wanted.get(point.vmName.toLowerCase());
      if (vm === undefined) continue;
      found.set(vm, point);
      wanted.delete(point.vmName.toLowerCase());
    }
  }
  return found;
}

function vmPointsLink(run: RawItem): string | undefined {
  return links(run.node).find((link) => link.rel === 'Down' && link.type === 'VmRestorePointReferenceList')
    ?.href;
}
