/**
 * Domain objects for the estate EM serves beside sessions: jobs with schedules, repositories, backups, restore
 * points, tasks and summary reports. Field names are ours; the EM element is named where it differs.
 * Names stay raw data here: views escape them.
 */
import type { EmLink, EmResource } from './types.js';

/** How a job's schedule repeats, read from the enabled option of `JobScheduleOptions` (docs/em-protocol.md, "Jobs and their schedules"). */
export type ScheduleKind = 'Daily' | 'Monthly' | 'Periodically' | 'Continuous' | 'AfterJob' | 'Unknown';

/** A job's schedule as far as EM's entity tells it. */
export interface JobSchedule {
  /** `ScheduleConfigured`. */
  configured: boolean;
  /** `ScheduleEnabled`. */
  enabled: boolean;
  /** `NextRun`; undefined when EM sent none (or a placeholder date). */
  nextRun: Date | undefined;
  kind: ScheduleKind;
  /** The interval in minutes where the options give one: daily 1440, periodic `FullPeriod` in hours or minutes. */
  intervalMinutes: number | undefined;
}

/** The action links a job offers; absent when EM does not offer the action on that job. */
export interface JobActionLinks {
  start?: string;
  stop?: string;
  retry?: string;
}

/** A job entity (`/jobs/{ID}?format=Entity`). */
export interface Job extends EmResource {
  /** `JobType`: Backup, Replica, BackupCopy, ... */
  jobType: string;
  platform: string | undefined;
  description: string | undefined;
  schedule: JobSchedule;
  actions: JobActionLinks;
  /** The Up link's name: the backup server the job is defined on. */
  backupServerName: string | undefined;
}

/** A backup repository (`/repositories/{ID}?format=Entity`). */
export interface Repository extends EmResource {
  /** Bytes; undefined when EM sent none. */
  capacityBytes: number | undefined;
  freeBytes: number | undefined;
  /** 0-100 with one decimal; undefined without a positive capacity. */
  freePercent: number | undefined;
  kind: string | undefined;
  backupServerName: string | undefined;
}

/** A job's backup (`Backup`) or replica (`Replica`) entity. */
export interface Backup extends EmResource {
  jobUid: string | undefined;
  jobName: string | undefined;
  jobType: string | undefined;
  platform: string | undefined;
  repositoryUid: string | undefined;
}

/** One backup run's restore point (`RestorePoint`). */
export interface RestorePoint extends EmResource {
  creationTime: Date | undefined;
  /** Full / Increment / ReverseIncrement. */
  pointType: string | undefined;
  /** The Up link to its backup. */
  backup: EmLink | undefined;
}

/** One VM's point: `VmRestorePoint` (backup) or `VmReplicaPoint` (replica). */
export interface VmPoint extends EmResource {
  kind: 'VmRestorePoint' | 'VmReplicaPoint';
  vmName: string;
  creationTime: Date | undefined;
  /** `Type` (restore points only): Full / Increment / ReverseIncrement. */
  pointType: string | undefined;
  algorithm: string | undefined;
  /** `PointType`. */
  pointKind: string | undefined;
  hierarchyObjRef: string | undefined;
  /** Up link to the run's RestorePoint (restore points only). */
  restorePoint: EmLink | undefined;
  /** Up link to the Backup or Replica; its name is the job's. */
  backup: EmLink | undefined;
}

/** An EM `Task`, the answer to an action (docs/em-protocol.md, "Job actions and tasks"). */
export interface EmTask {
  taskId: string;
  href: string;
  /** Running or Finished. */
  state: string;
  operation: string | undefined;
  /** `Result Success=...`; undefined while running. */
  success: boolean | undefined;
  message: string | undefined;
  /** The `Related` link of a finished task: the session it started. */
  related: EmLink | undefined;
  links: EmLink[];
}

/** `reports/summary/overview`. */
export interface OverviewReport {
  backupServers: number;
  proxyServers: number;
  repositoryServers: number;
  runningJobs: number;
  scheduledJobs: number;
  successfulVms: number;
  warningVms: number;
  failedVms: number;
}

/** `reports/summary/job_statistics`. */
export interface JobStatisticsReport {
  runningJobs: number;
  scheduledJobs: number;
  scheduledBackupJobs: number;
  scheduledReplicaJobs: number;
  totalRuns: number;
  successfulRuns: number;
  warningRuns: number;
  failedRuns: number;
  maxJobDurationSeconds: number;
  maxBackupJobDurationSeconds: number;
  maxReplicaJobDurationSeconds: number;
  maxDurationBackupJobName: string | undefined;
  maxDurationReplicaJobName: string | undefined;
}

/** `reports/summary/vms_overview`. */
export interface VmsOverviewReport {
  protectedVms: number;
  backedUpVms: number;
  replicatedVms: number;
  restorePoints: number;
  fullBackupPointsBytes: number;
  incrementalBackupPointsBytes: number;
  replicaRestorePointsBytes: number;
  sourceVmsBytes: number;
  successBackupPercent: number;
}

/** One day of `reports/summary/processed_vms`. */
export interface ProcessedVmsDay {
  timestamp: Date | undefined;
  count: number;
}

/** `reports/summary/processed_vms`. */
export interface ProcessedVmsReport {
  backupDays: ProcessedVmsDay[];
  replicaDays: ProcessedVmsDay[];
}

/** One repository of `reports/summary/repository` (a `Period` item). */
export interface RepositoryReportItem {
  name: string;
  capacityBytes: number;
  freeBytes: number;
  backupBytes: number;
}
