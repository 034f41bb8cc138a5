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
  /** Typical run length in ms, used by the generator and the live engine. */
  typicalDurationMs: number;
  tenantName: string;
  tenantGuid: string;
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
