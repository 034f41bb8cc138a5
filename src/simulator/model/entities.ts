import type { Kind } from './enums.js';

/** A Veeam backup server managed by EM. */
export interface BackupServer {
  index: number;
  guid: string;
  name: string;
  description: string;
  port: number;
  version: string;
}

/** A VM as jobs and task sessions see it. */
export interface Vm {
  index: number;
  name: string;
  /** HierarchyObjRef URN, e.g. `urn:VMware:Vm:<root>.vm-123`. */
  uid: string;
  /** Size of its restore points in bytes. */
  totalSize: number;
}

export type OwnerType = 'Job' | 'CdpPolicy' | 'CloudFailoverPlan';

/** What sessions belong to: a backup/replication job, a CDP policy or a cloud failover plan. */
export interface Owner {
  index: number;
  type: OwnerType;
  /** The session kind it produces. */
  kind: Kind;
  guid: string;
  name: string;
  /** `Backup`, `BackupCopy`, `Replica`, `CdpReplica` or `FailoverPlan`. */
  jobType: string;
  platform: string;
  description: string;
  serverIndex: number;
  vms: number[];
  scheduleConfigured: boolean;
  scheduleEnabled: boolean;
  /** Schedule interval in minutes (1440 = daily). */
  everyMinutes: number;
  /** Minute of the UTC day the daily schedule starts at (also the phase of shorter intervals). */
  startMinute: number;
  /** Typical run length in ms, used by the generator and the live engine. */
  typicalDurationMs: number;
  tenantName: string;
  tenantGuid: string;
  /** Where its backups land (index into the repositories), -1 for owners without backups. */
  repositoryIndex: number;
  /** A start time the schedule passes through (control-API jobs); default `startMinute` of any UTC day. */
  scheduleAnchor?: number;
  /** When the owner silently stopped running (no sessions after it, `NextRun` stays in the past). */
  haltedAt?: number;
}

/** A backup repository of a backup server. */
export interface Repository {
  index: number;
  guid: string;
  name: string;
  serverIndex: number;
  /** Bytes. */
  capacity: number;
  /** Free bytes before any backup of the live scenario or the control API landed. */
  freeBase: number;
  /** `WindowsLocal`, `LinuxLocal`, `Share`, ... */
  kind: string;
}

/** One task session (or cloud failover task item) as stored or derived. */
export interface TaskRecord {
  /** 1-based position within its session; part of its GUID. */
  slot: number;
  vmName: string;
  vmIndex: number;
  creation: number;
  /** NaN while running. */
  end: number;
  /** TaskState ordinal, or SessionState ordinal for cloud failover items. */
  state: number;
  result: number;
  reason: string;
  totalSize: number;
  progress: number;
}
