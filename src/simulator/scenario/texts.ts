/** Warning reasons in the style of real task sessions (trailing spaces and brackets kept, docs/em-protocol.md, "Empty and single-item elements"). */
export const WARNING_REASONS: readonly string[] = [
  'Changed block tracking cannot be enabled: one or more snapshots present. ',
  "Unable to truncate SQL Server transaction logs. Details: Failed to process 'TruncateSQLLog' command. ",
  'Failed to index guest file system. Veeam Guest Agent is not started ',
  'Restore point is locked by another process [R&D share], will retry ',
  'Processing finished with warnings: VSS writer "SqlServerWriter" is in failed state <Retryable error> ',
  'Insufficient free space on datastore [ds-prod-02] for snapshot; free space 4.8% ',
];

/** Failure reasons as real EM task sessions carry them (see query-result-backup-task-sessions-paged.xml). */
export const FAILURE_REASONS: readonly string[] = [
  'Error: There is not enough space on the disk. Failed to write data to the file [C:\\Backup\\Daily\\Daily2025-06-05T030355_06C7.vib]. Agent failed to process method {DataTransfer.BackupText}. ',
  'Hard disk 1 (0 B)',
  'Error: Failed to create VM snapshot. An error occurred while saving the snapshot: Failed to quiesce the virtual machine. ',
  'Error: Connection timed out. Failed to connect to the host [esx03.tech.local:902]. ',
  'Error: Task failed unexpectedly. Agent failed to process method {DataTransfer.SyncDisk}. Object reference not set to an instance of an object. ',
  'Error: NFC storage connection is unavailable. Storage: [stg:datastore-1012,nfchost:host-31,conn:vc01.tech.local]. ',
];

/** Session-level failure messages (CDP and cloud failover sessions carry FailureMessage). */
export const FAILURE_MESSAGES: readonly string[] = [
  'Failed to start replica VM: insufficient resources in the target host pool.',
  'RPO violation: the last long-term restore point is older than the configured threshold.',
  'Cloud gateway is not available. Connection refused [cgw01.provider.example:6180].',
];

/** VM name stems; numbered and combined so names carry spaces, dots, dashes and some non-ASCII. */
export const VM_STEMS: readonly string[] = [
  'apache',
  'sql-prod.',
  'dbserver',
  'fs',
  'web-frontend ',
  'Exchange MBX',
  'dc',
  'Ünterwald DC',
  'Zürich-app',
  'srv',
  'ubuntu',
  'virt03-vm',
  'oracle.db-',
  'AnT_VM',
  'jenkins agent ',
  'mail.relay-',
  'Köln Print',
  'k8s-node',
  'sap-hana',
  'filesrv',
];

/** Backup job names; the replication list below holds `Fileserver02 Replication` (). */
export const BACKUP_JOB_NAMES: readonly string[] = [
  'Fileserver Backup',
  'Oracle Backup',
  'SQL Nightly',
  'Exchange Daily',
  'vApp 01 Backup Job',
  'Daily NetApp Snapshots',
  'Backup Job 1',
  'Backup Job 2',
  'Backup Job 3',
  'DC Backup (Domain Controllers)',
  'Web Tier - Hourly',
  'Linux_Servers.Weekly',
  'Köln Office Backup',
  'Dev & Test VMs',
  'HR "Payroll" Systems',
  'K8s Workers',
  'SAP HANA Backup',
  'Periodic Backup Copy Job\\Backup Job 1',
  'Offsite Copy - Fileservers',
  'Jenkins Backup',
];

export const REPLICA_JOB_NAMES: readonly string[] = [
  'Fileserver02 Replication',
  'SQL Replication',
  'Replication Job 1',
  'Replication Job 2',
  'DR Site - Tier 1',
  'Exchange Replica',
  'Web Replica (DMZ)',
  'Oracle DR',
  'Ünterwald Replica',
  'DC Replication',
];

export const CDP_POLICY_NAMES: readonly string[] = ['CDP Policy 1', 'CDP Policy 2', 'CDP SQL Cluster'];

export const FAILOVER_PLANS: readonly { name: string; tenant: string }[] = [
  { name: 'ABC Company Failover Plan', tenant: 'ABC Company' },
  { name: 'UCM Company Full Site Failover', tenant: 'UCM Company' },
];

export const SERVER_NAMES: readonly string[] = [
  'srv02.tech.local',
  'enterprise06.tech.local',
  'backupsrv29.tech.local',
];
