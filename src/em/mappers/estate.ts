import type { XmlNode } from '../xml.js';
import type {
  Backup,
  Job,
  JobActionLinks,
  JobSchedule,
  Repository,
  RestorePoint,
  ScheduleKind,
  VmPoint,
} from '../estate-types.js';
import type { EmLink } from '../types.js';
import { asArray, asNode, boolean, date, number, optionalText, resource, text } from './fields.js';

const upLink = (links: EmLink[], type: string): EmLink | undefined =>
  links.find((link) => link.rel === 'Up' && link.type === type);

const relHref = (links: EmLink[], rel: string): string | undefined =>
  links.find((link) => link.rel === rel)?.href;

/** Maps a `Job` entity with its schedule and its Start/Stop/Retry links (docs/em-protocol.md, "Jobs and their schedules"). */
export function mapJob(node: XmlNode): Job {
  const base = resource(node);
  const actions: JobActionLinks = {};
  const start = relHref(base.links, 'Start');
  const stop = relHref(base.links, 'Stop');
  const retry = relHref(base.links, 'Retry');
  if (start !== undefined) actions.start = start;
  if (stop !== undefined) actions.stop = stop;
  if (retry !== undefined) actions.retry = retry;
  return {
    ...base,
    jobType: text(node, 'JobType') ?? '',
    platform: optionalText(node, 'Platform'),
    description: optionalText(node, 'Description'),
    schedule: mapSchedule(node),
    actions,
    backupServerName: upLink(base.links, 'BackupServerReference')?.name,
  };
}

function mapSchedule(node: XmlNode): JobSchedule {
  // EM spells the container `Standart` (docs/em-protocol.md, "Jobs and their schedules").
  const options = asNode(asNode(node['JobScheduleOptions'])?.['Standart']);
  return {
    configured: boolean(node, 'ScheduleConfigured'),
    enabled: boolean(node, 'ScheduleEnabled'),
    nextRun: date(node, 'NextRun'),
    ...(options ? scheduleKind(options) : { kind: 'Unknown', intervalMinutes: undefined }),
  };
}

const OPTION_KINDS: Array<[string, ScheduleKind]> = [
  ['OptionsDaily', 'Daily'],
  ['OptionsMonthly', 'Monthly'],
  ['OptionsPeriodically', 'Periodically'],
  ['OptionsContinuous', 'Continuous'],
  ['OptionsDaisyChaining', 'AfterJob'],
];

function scheduleKind(options: XmlNode): Pick<JobSchedule, 'kind' | 'intervalMinutes'> {
  for (const [element, kind] of OPTION_KINDS) {
    const option = asNode(options[element]);
    if (!option || !boolean(option, 'Enabled')) continue;
    if (kind === 'Daily') {
      return { kind, intervalMinutes: text(option, 'Kind') === 'Everyday' ? 1440 : undefined };
    }
    if (kind === 'Periodically') {
      const period = number(option, 'FullPeriod');
      const unit = text(option, 'Kind') === 'Hours' ? 60 : text(option, 'Kind') === 'Minutes' ? 1 : 0;
      return { kind, intervalMinutes: period !== undefined && unit > 0 ? period * unit : undefined };
    }
    return { kind, intervalMinutes: undefined };
  }
  return { kind: 'Unknown', intervalMinutes: undefined };
}

/**
 * The VMs a job or policy entity includes (`JobInfo/<kind>JobInfo/Includes/ObjectInJob`, for a policy under
 * `CdpPolicyInfo`), by display name; only includes whose `HierarchyObjRef` is a VM (a folder or a tag stands for VMs
 * we cannot name). Undefined when the entity has no includes list (docs/em-protocol.md, "VMs of a job").
 */
export function mapJobIncludes(node: XmlNode): string[] | undefined {
  let found: string[] | undefined;
  for (const container of ['JobInfo', 'CdpPolicyInfo']) {
    const info = asNode(node[container]);
    for (const value of Object.values(info ?? {})) {
      const kindInfo = asNode(value);
      if (kindInfo?.['Includes'] === undefined) continue;
      found ??= [];
      for (const item of asArray(asNode(kindInfo['Includes'])?.['ObjectInJob'])) {
        const include = asNode(item);
        if (!include || !/:vm:/i.test(text(include, 'HierarchyObjRef') ?? '')) continue;
        const name = optionalText(include, 'DisplayName') ?? optionalText(include, 'Name');
        if (name !== undefined) found.push(name);
      }
    }
  }
  return found;
}

/** Maps a `Repository` entity; free percentage from `FreeSpace` / `Capacity` (bytes). */
export function mapRepository(node: XmlNode): Repository {
  const base = resource(node);
  const capacityBytes = number(node, 'Capacity');
  const freeBytes = number(node, 'FreeSpace');
  const freePercent =
    capacityBytes !== undefined && capacityBytes > 0 && freeBytes !== undefined
      ? Math.round((freeBytes / capacityBytes) * 1000) / 10
      : undefined;
  return {
    ...base,
    capacityBytes,
    freeBytes,
    freePercent,
    kind: optionalText(node, 'Kind'),
    backupServerName: upLink(base.links, 'BackupServerReference')?.name,
  };
}

/** Maps a `Backup` or `Replica` entity. */
export function mapBackup(node: XmlNode): Backup {
  return {
    ...resource(node),
    jobUid: optionalText(node, 'JobUid'),
    jobName: optionalText(node, 'JobName'),
    jobType: optionalText(node, 'JobType'),
    platform: optionalText(node, 'Platform'),
    repositoryUid: optionalText(node, 'RepositoryUid'),
  };
}

/** The `Type` element (Full/Increment/...), not the `Type` attribute that names the resource type. */
function typeElement(node: XmlNode): string | undefined {
  const value = node['Type'];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Maps a `RestorePoint` entity (one backup run). */
export function mapRestorePoint(node: XmlNode): RestorePoint {
  const base = resource(node);
  return {
    ...base,
    creationTime: date(node, 'CreationTimeUTC'),
    pointType: typeElement(node),
    backup: upLink(base.links, 'BackupReference'),
  };
}

/** Maps a `VmRestorePoint` or `VmReplicaPoint` entity (docs/em-protocol.md, "Restore points"). */
export function mapVmPoint(kind: VmPoint['kind'], node: XmlNode): VmPoint {
  const base = resource(node);
  return {
    ...base,
    kind,
    vmName: text(node, 'VmName') ?? '',
    creationTime: date(node, 'CreationTimeUTC'),
    pointType: typeElement(node),
    algorithm: optionalText(node, 'Algorithm'),
    pointKind: optionalText(node, 'PointType'),
    hierarchyObjRef: optionalText(node, 'HierarchyObjRef'),
    restorePoint: upLink(base.links, 'RestorePointReference'),
    backup: upLink(base.links, 'BackupReference') ?? upLink(base.links, 'ReplicaReference'),
  };
}
