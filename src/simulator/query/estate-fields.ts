import type { BackupServer, Owner, Repository } from '../model/entities.js';
import { isFullRun, SLOT, type VmPoint } from '../store/points.js';
import { formatNameTime } from '../util/dates.js';
import { backupGuidOf } from '../xml/serialize-estate.js';
import { JOB_TYPES, type FieldDef, type FieldEnv, type FieldMap } from './fields.js';

const POINT_TYPES = ['Full', 'Increment', 'ReverseIncrement'];

function fieldMap<R>(defs: FieldDef<R>[]): FieldMap<R> {
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

const ownerOfRun = (e: FieldEnv, id: number): Owner =>
  e.store.inventory.owners[e.store.cols.owner[id] as number] as Owner;
const serverOf = (e: FieldEnv, o: { serverIndex: number }): BackupServer =>
  e.store.inventory.servers[o.serverIndex] as BackupServer;

function serverFields<R>(owner: (e: FieldEnv, r: R) => { serverIndex: number }): FieldDef<R>[] {
  return [
    {
      name: 'BackupServerUid',
      kind: 'uid',
      get: (e, r) => `urn:veeam:BackupServer:${serverOf(e, owner(e, r)).guid}`,
    },
    { name: 'BackupServerName', kind: 'string', get: (e, r) => serverOf(e, owner(e, r)).name },
  ];
}

const runName = (e: FieldEnv, id: number): string =>
  `${ownerOfRun(e, id).name}@${formatNameTime(e.store.cols.end[id] as number)}`;
const pointType = (e: FieldEnv, id: number): number => (isFullRun(e.store, id) ? 0 : 1);

/** Fields of the RestorePoint query type (a backup run that left a restore point). */
export const restorePointFields: FieldMap<number> = fieldMap<number>([
  {
    name: 'UID',
    kind: 'uid',
    get: (e, id) => `urn:veeam:RestorePoint:${e.store.guid(id, SLOT.restorePoint)}`,
  },
  { name: 'Name', kind: 'string', get: runName },
  { name: 'CreationTime', kind: 'date', get: (e, id) => e.store.cols.end[id] },
  { name: 'BackupUid', kind: 'uid', get: (e, id) => `urn:veeam:Backup:${backupGuidOf(ownerOfRun(e, id))}` },
  { name: 'BackupName', kind: 'string', get: (e, id) => ownerOfRun(e, id).name },
  ...serverFields<number>(ownerOfRun),
]);

/** Fields of VmRestorePoint (`replica` false) or VmReplicaPoint (`replica` true). */
export function vmPointFields(replica: boolean): FieldMap<VmPoint> {
  const owner = (e: FieldEnv, p: VmPoint): Owner => ownerOfRun(e, p.id);
  const base = replica ? SLOT.vmReplicaPoint : SLOT.vmRestorePoint;
  const type = replica ? 'VmReplicaPoint' : 'VmRestorePoint';
  const defs: FieldDef<VmPoint>[] = [
    {
      name: 'UID',
      kind: 'uid',
      get: (e, p) => `urn:veeam:${type}:${e.store.guid(p.id, base + p.task.slot)}`,
    },
    { name: 'Name', kind: 'string', get: (_e, p) => `${p.task.vmName}@${formatNameTime(p.task.end)}` },
    { name: 'CreationTime', kind: 'date', get: (_e, p) => p.task.end },
    { name: 'Type', kind: 'enum', values: POINT_TYPES, get: (e, p) => pointType(e, p.id) },
    { name: 'Algorithm', kind: 'string', get: (e, p) => POINT_TYPES[pointType(e, p.id)] },
    { name: 'VmDisplayName', kind: 'string', get: (_e, p) => p.task.vmName },
    ...serverFields<VmPoint>(owner),
  ];
  if (replica) {
    defs.push(
      { name: 'ReplicaUid', kind: 'uid', get: (e, p) => `urn:veeam:Replica:${backupGuidOf(owner(e, p))}` },
      { name: 'ReplicaName', kind: 'string', get: (e, p) => owner(e, p).name },
    );
  } else {
    defs.push(
      {
        name: 'RestorePointUid',
        kind: 'uid',
        get: (e, p) => `urn:veeam:RestorePoint:${e.store.guid(p.id, SLOT.restorePoint)}`,
      },
      { name: 'RestorePointName', kind: 'string', get: (e, p) => runName(e, p.id) },
    );
  }
  return fieldMap(defs);
}

/** Fields of the Backup query type (one backup per backup job). */
export const backupFields: FieldMap<Owner> = fieldMap<Owner>([
  { name: 'UID', kind: 'uid', get: (_e, o) => `urn:veeam:Backup:${backupGuidOf(o)}` },
  { name: 'Name', kind: 'string', get: (_e, o) => o.name },
  { name: 'JobUid', kind: 'uid', get: (_e, o) => `urn:veeam:Job:${o.guid}` },
  { name: 'JobName', kind: 'string', get: (_e, o) => o.name },
  { name: 'JobType', kind: 'enum', values: JOB_TYPES, get: (_e, o) => JOB_TYPES.indexOf(o.jobType) },
  {
    name: 'RepositoryUid',
    kind: 'uid',
    get: (e, o) => `urn:veeam:Repository:${e.store.inventory.repositories[o.repositoryIndex]?.guid ?? ''}`,
  },
  ...serverFields<Owner>((_e, o) => o),
]);

/** Fields of the Repository query type. */
export const repositoryFields: FieldMap<Repository> = fieldMap<Repository>([
  { name: 'UID', kind: 'uid', get: (_e, r) => `urn:veeam:Repository:${r.guid}` },
  { name: 'Name', kind: 'string', get: (_e, r) => r.name },
  { name: 'Capacity', kind: 'number', get: (_e, r) => Math.round(r.capacity) },
  { name: 'FreeSpace', kind: 'number', get: (e, r) => Math.round(e.store.inventory.freeSpace(r)) },
  { name: 'Kind', kind: 'string', get: (_e, r) => r.kind },
  ...serverFields<Repository>((_e, r) => r),
]);
