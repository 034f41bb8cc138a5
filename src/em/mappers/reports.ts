import type { XmlNode } from '../xml.js';
import type {
  JobStatisticsReport,
  OverviewReport,
  ProcessedVmsDay,
  ProcessedVmsReport,
  RepositoryReportItem,
  VmsOverviewReport,
} from '../estate-types.js';
import { asArray, asNode, date, number, optionalText, text } from './fields.js';

const count = (node: XmlNode, field: string): number => number(node, field) ?? 0;

/** Maps `OverviewReportFrame`; EM spells the VM counters `...VmLastestStates` (docs/em-protocol.md, "Summary reports"). */
export function mapOverviewReport(node: XmlNode): OverviewReport {
  return {
    backupServers: count(node, 'BackupServers'),
    proxyServers: count(node, 'ProxyServers'),
    repositoryServers: count(node, 'RepositoryServers'),
    runningJobs: count(node, 'RunningJobs'),
    scheduledJobs: count(node, 'ScheduledJobs'),
    successfulVms: count(node, 'SuccessfulVmLastestStates'),
    warningVms: count(node, 'WarningVmLastestStates'),
    failedVms: count(node, 'FailedVmLastestStates'),
  };
}

/** Maps `JobStatisticsReportFrame` (durations in seconds). */
export function mapJobStatisticsReport(node: XmlNode): JobStatisticsReport {
  return {
    runningJobs: count(node, 'RunningJobs'),
    scheduledJobs: count(node, 'ScheduledJobs'),
    scheduledBackupJobs: count(node, 'ScheduledBackupJobs'),
    scheduledReplicaJobs: count(node, 'ScheduledReplicaJobs'),
    totalRuns: count(node, 'TotalJobRuns'),
    successfulRuns: count(node, 'SuccessfulJobRuns'),
    warningRuns: count(node, 'WarningsJobRuns'),
    failedRuns: count(node, 'FailedJobRuns'),
    maxJobDurationSeconds: count(node, 'MaxJobDuration'),
    maxBackupJobDurationSeconds: count(node, 'MaxBackupJobDuration'),
    maxReplicaJobDurationSeconds: count(node, 'MaxReplicaJobDuration'),
    maxDurationBackupJobName: optionalText(node, 'MaxDurationBackupJobName'),
    maxDurationReplicaJobName: optionalText(node, 'MaxDurationReplicaJobName'),
  };
}

/** Maps `VmsOverviewReportFrame` (sizes in bytes). */
export function mapVmsOverviewReport(node: XmlNode): VmsOverviewReport {
  return {
    protectedVms: count(node, 'ProtectedVms'),
    backedUpVms: count(node, 'BackedUpVms'),
    replicatedVms: count(node, 'ReplicatedVms'),
    restorePoints: count(node, 'RestorePoints'),
    fullBackupPointsBytes: count(node, 'FullBackupPointsSize'),
    incrementalBackupPointsBytes: count(node, 'IncrementalBackupPointsSize'),
    replicaRestorePointsBytes: count(node, 'ReplicaRestorePointsSize'),
    sourceVmsBytes: count(node, 'SourceVmsSize'),
    successBackupPercent: count(node, 'SuccessBackupPercents'),
  };
}

function days(container: XmlNode | undefined, item: string): ProcessedVmsDay[] {
  return asArray(container?.[item])
    .map((value) => asNode(value))
    .filter((day): day is XmlNode => day !== undefined)
    .map((day) => ({ timestamp: date(day, 'Timestamp'), count: count(day, 'Count') }));
}

/** Maps `ProcessedVmsReportFrame`: VMs processed per day, oldest first as EM lists them. */
export function mapProcessedVmsReport(node: XmlNode): ProcessedVmsReport {
  return {
    backupDays: days(asNode(node['BackupDays']), 'BackupDay'),
    replicaDays: days(asNode(node['ReplicaDays']), 'ReplicaDay'),
  };
}

/** Maps `RepositoryReportFrame`: one `Period` item per repository. */
export function mapRepositoryReport(node: XmlNode): RepositoryReportItem[] {
  return asArray(node['Period'])
    .map((value) => asNode(value))
    .filter((item): item is XmlNode => item !== undefined)
    .map((item) => ({
      name: text(item, 'Name') ?? '',
      capacityBytes: count(item, 'Capacity'),
      freeBytes: count(item, 'FreeSpace'),
      backupBytes: count(item, 'BackupSize'),
    }));
}
