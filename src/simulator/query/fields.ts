import { RESULTS, SESSION_STATES, TASK_STATES } from '../model/enums.js';
import type { BackupServer, Owner, TaskRecord } from '../model/entities.js';
import { nextRunOf } from '../model/next-run.js';
import type { Store } from '../store/store.js';
import { SESSION_TYPE, TASK_TYPE } from '../model/enums.js';
import { formatNameTime } from '../util/dates.js';

/** How a field's filter value is parsed and compared. */
export type FieldKind = 'string' | 'uid' | 'date' | 'enum' | 'number' | 'bool';
/** What a getter sees besides the record. */
export interface FieldEnv {
  store: Store;
  now: number;
}
/** One queryable field: its documented name, kind and getter (dates as ms, enums as ordinals, bools 0/1). */
export interface FieldDef<R> {
  name: string;
  kind: FieldKind;
  values?: readonly string[];
  get: (env: FieldEnv, rec: R) => string | number | undefined;
}
export type FieldMap<R> = Map<string, FieldDef<R>>;

/** A task session as the query engine sees it. */
export interface TaskRec {
  id: number;
  task: TaskRecord;
}

export const JOB_TYPES = [
  'Backup',
  'BackupCopy',
  'ImmediateBackupCopy',
  'ImmediateBackupCopyWorker',
  'AgentBackup',
  'AgentManagement',
  'NasBackup',
  'Replica',
];
const PLATFORMS = ['VMware', 'HyperV', 'vCloud'];

function fieldMap<R>(defs: FieldDef<R>[]): FieldMap<R> {
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

const ownerOf = (env: FieldEnv, id: number): Owner =>
  env.store.inventory.owners[env.store.cols.owner[id] as number] as Owner;
const serverOfOwner = (env: FieldEnv, o: Owner): BackupServer =>
  env.store.inventory.servers[o.serverIndex] as BackupServer;
const endOf = (env: FieldEnv, id: number): number | undefined => {
  const end = env.store.cols.end[id] as number;
  return Number.isNaN(end) ? undefined : end;
};
const sessionUid = (env: FieldEnv, id: number): string =>
  `urn:veeam:${SESSION_TYPE[env.store.kindOf(id)]}:${env.store.guid(id)}`;
const sessionName = (env: FieldEnv, id: number): string => {
  const o = ownerOf(env, id);
  return o.type === 'CloudFailoverPlan'
    ? o.name
    : `${o.name}@${formatNameTime(env.store.cols.creation[id] as number)}`;
};

function serverFields<R>(owner: (env: FieldEnv, rec: R) => Owner): FieldDef<R>[] {
  return [
    {
      name: 'BackupServerUid',
      kind: 'uid',
      get: (e, r) => `urn:veeam:BackupServer:${serverOfOwner(e, owner(e, r)).guid}`,
    },
    { name: 'BackupServerName', kind: 'string', get: (e, r) => serverOfOwner(e, owner(e, r)).name },
  ];
}

/** Fields of BackupJobSession/ReplicaJobSession (cdp = false) or CdpReplicaSession / CloudFailoverSession. */
export function sessionFields(variant: 'job' | 'cdp' | 'failover'): FieldMap<number> {
  const cdp = variant === 'cdp';
  const defs: FieldDef<number>[] = [
    { name: cdp ? 'Id' : 'UID', kind: 'uid', get: sessionUid },
    { name: 'Name', kind: 'string', get: sessionName },
    {
      name: cdp ? 'CreationTimeUTC' : 'CreationTime',
      kind: 'date',
      get: (e, id) => e.store.cols.creation[id],
    },
    { name: cdp ? 'EndTimeUTC' : 'EndTime', kind: 'date', get: endOf },
    { name: 'State', kind: 'enum', values: SESSION_STATES, get: (e, id) => e.store.cols.state[id] },
    { name: 'Result', kind: 'enum', values: RESULTS, get: (e, id) => e.store.cols.result[id] },
    ...serverFields<number>(ownerOf),
  ];
  if (variant === 'job') {
    defs.push(
      {
        name: 'JobType',
        kind: 'enum',
        values: JOB_TYPES,
        get: (e, id) => JOB_TYPES.indexOf(ownerOf(e, id).jobType),
      },
      { name: 'JobUid', kind: 'uid', get: (e, id) => `urn:veeam:Job:${ownerOf(e, id).guid}` },
      { name: 'JobName', kind: 'string', get: (e, id) => ownerOf(e, id).name },
      { name: 'IsRetry', kind: 'bool', get: (e, id) => e.store.cols.retry[id] },
    );
  } else {
    defs.push({
      name: 'FailureMessage',
      kind: 'string',
      get: (e, id) => e.store.failureMessages.get(id) ?? '',
    });
  }
  if (cdp) {
    defs.push(
      { name: 'PolicyUid', kind: 'uid', get: (e, id) => `urn:veeam:CdpPolicy:${ownerOf(e, id).guid}` },
      { name: 'PolicyName', kind: 'string', get: (e, id) => ownerOf(e, id).name },
    );
  }
  if (variant === 'failover')
    defs.push({ name: 'Type', kind: 'enum', values: ['FailoverPlan'], get: () => 0 });
  return fieldMap(defs);
}

/** Fields of BackupTaskSession/ReplicaTaskSession (cdp = false) or CdpReplicaTaskSession. */
export function taskFields(cdp: boolean): FieldMap<TaskRec> {
  const owner = (e: FieldEnv, r: TaskRec): Owner => ownerOf(e, r.id);
  const defs: FieldDef<TaskRec>[] = [
    {
      name: cdp ? 'Id' : 'UID',
      kind: 'uid',
      get: (e, r) => `urn:veeam:${TASK_TYPE[e.store.kindOf(r.id)]}:${e.store.guid(r.id, r.task.slot)}`,
    },
    { name: 'Name', kind: 'string', get: (_e, r) => `${r.task.vmName}@${formatNameTime(r.task.creation)}` },
    { name: cdp ? 'CreationTimeUTC' : 'CreationTime', kind: 'date', get: (_e, r) => r.task.creation },
    {
      name: cdp ? 'EndTimeUTC' : 'EndTime',
      kind: 'date',
      get: (_e, r) => (Number.isNaN(r.task.end) ? undefined : r.task.end),
    },
    { name: 'State', kind: 'enum', values: TASK_STATES, get: (_e, r) => r.task.state },
    // Result is not documented for CDP tasks; accepted anyway (docs/em-protocol.md, "Result on CDP task sessions").
    { name: 'Result', kind: 'enum', values: RESULTS, get: (_e, r) => r.task.result },
    { name: 'Reason', kind: 'string', get: (_e, r) => r.task.reason },
    { name: 'TotalSize', kind: 'number', get: (_e, r) => r.task.totalSize },
    { name: 'VmDisplayName', kind: 'string', get: (_e, r) => r.task.vmName },
    ...serverFields<TaskRec>(owner),
  ];
  if (cdp) {
    defs.push(
      { name: 'PolicySessionUid', kind: 'uid', get: (e, r) => sessionUid(e, r.id) },
      { name: 'PolicySessionName', kind: 'string', get: (e, r) => sessionName(e, r.id) },
    );
  } else {
    defs.push(
      { name: 'JobSessionUid', kind: 'uid', get: (e, r) => sessionUid(e, r.id) },
      { name: 'JobUid', kind: 'uid', get: (e, r) => `urn:veeam:Job:${owner(e, r).guid}` },
      { name: 'JobName', kind: 'string', get: (e, r) => owner(e, r).name },
    );
  }
  return fieldMap(defs);
}

const ownerType = (o: Owner): string => (o.type === 'Job' ? 'Job' : o.type);

/** Fields of Job, CdpPolicy or CloudFailoverPlan. */
export function ownerFields(type: Owner['type']): FieldMap<Owner> {
  const defs: FieldDef<Owner>[] = [
    { name: 'UID', kind: 'uid', get: (_e, o) => `urn:veeam:${ownerType(o)}:${o.guid}` },
    { name: 'Name', kind: 'string', get: (_e, o) => o.name },
    { name: 'Description', kind: 'string', get: (_e, o) => o.description },
    ...serverFields<Owner>((_e, o) => o),
  ];
  if (type === 'CloudFailoverPlan') {
    defs.push(
      { name: 'CloudTenantUid', kind: 'uid', get: (_e, o) => `urn:veeam:CloudTenant:${o.tenantGuid}` },
      { name: 'CloudTenantName', kind: 'string', get: (_e, o) => o.tenantName },
    );
    return fieldMap(defs);
  }
  defs.push(
    { name: 'NextRun', kind: 'date', get: (e, o) => nextRunOf(o, e.now) },
    { name: 'ScheduleConfigured', kind: 'bool', get: (_e, o) => (o.scheduleConfigured ? 1 : 0) },
    { name: 'ScheduleEnabled', kind: 'bool', get: (_e, o) => (o.scheduleEnabled ? 1 : 0) },
  );
  if (type === 'Job') {
    defs.push(
      { name: 'JobType', kind: 'enum', values: JOB_TYPES, get: (_e, o) => JOB_TYPES.indexOf(o.jobType) },
      { name: 'Platform', kind: 'enum', values: PLATFORMS, get: (_e, o) => PLATFORMS.indexOf(o.platform) },
    );
  }
  return fieldMap(defs);
}

/** Fields of BackupServer. */
export const serverFieldMap: FieldMap<BackupServer> = fieldMap<BackupServer>([
  { name: 'UID', kind: 'uid', get: (_e, s) => `urn:veeam:BackupServer:${s.guid}` },
  { name: 'Name', kind: 'string', get: (_e, s) => s.name },
  { name: 'Description', kind: 'string', get: (_e, s) => s.description },
  { name: 'IpOrDnsName', kind: 'string', get: (_e, s) => s.name },
  { name: 'Port', kind: 'number', get: (_e, s) => s.port },
  { name: 'Version', kind: 'string', get: (_e, s) => s.version },
]);
