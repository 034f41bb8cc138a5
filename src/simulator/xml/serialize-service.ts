import type { Link, Res } from './resource.js';

/** `GET /api/` body (enterprise-manager-root.xml). */
export function rootRes(base: string): Res {
  const create = (v: string): Link => ({
    rel: 'Create',
    type: 'LogonSession',
    href: `${base}/sessionMngr/?v=${v}`,
  });
  return {
    tag: 'EnterpriseManager',
    attrs: [],
    links: [{ rel: 'Down', type: 'LogonSessionList', href: `${base}/logonSessions` }, create('latest')],
    fields: [
      [
        'SupportedVersions',
        ['v1_5', 'v1_6', 'v1_7'].map((v) => ({
          tag: 'SupportedVersion',
          attrs: [['Name', v]],
          links: [create(v)],
          fields: [],
        })),
      ],
    ],
  };
}

const DOWN_LISTS: [string, string][] = [
  ['BackupServerReferenceList', 'backupServers'],
  ['ManagedServerReferenceList', 'managedServers'],
  ['JobReferenceList', 'jobs'],
  ['FailoverPlanReferenceList', 'failoverPlans'],
  ['HierarchyRootReferenceList', 'hierarchyRoots'],
  ['RepositoryReferenceList', 'repositories'],
  ['BackupReferenceList', 'backups'],
  ['RestorePointReferenceList', 'restorePoints'],
  ['VmRestorePointReferenceList', 'vmRestorePoints'],
  ['ReplicaReferenceList', 'replicas'],
  ['VmReplicaPointReferenceList', 'vmReplicaPoints'],
  ['BackupJobSessionReferenceList', 'backupSessions'],
  ['RestoreSessionReferenceList', 'restoreSessions'],
  ['ReplicaJobSessionReferenceList', 'replicaSessions'],
  ['BackupTaskSessionReferenceList', 'backupTaskSessions'],
  ['ReplicaTaskSessionReferenceList', 'replicaTaskSessions'],
  ['TaskList', 'tasks'],
  ['QueryService', 'querySvc'],
  ['LookupService', 'lookupSvc'],
  ['BackupServerList', 'backupServers?format=Entity'],
  ['JobList', 'jobs?format=Entity'],
  ['BackupJobSessionList', 'backupSessions?format=Entity'],
  ['ReplicaJobSessionList', 'replicaSessions?format=Entity'],
  ['BackupTaskSessionList', 'backupTaskSessions?format=Entity'],
  ['ReplicaTaskSessionList', 'replicaTaskSessions?format=Entity'],
];

/** The LogonSession body (logon-session.xml); the Delete link has no Type, as in v1_7 (docs/em-protocol.md, "Logon and the session token"). */
export function logonRes(base: string, sessionId: string, userName: string): Res {
  const self = `${base}/logonSessions/${sessionId}`;
  return {
    tag: 'LogonSession',
    attrs: [
      ['Type', 'LogonSession'],
      ['Href', self],
    ],
    links: [
      { rel: 'Up', type: 'EnterpriseManager', href: `${base}/` },
      ...DOWN_LISTS.map(([type, path]): Link => ({ rel: 'Down', type, href: `${base}/${path}` })),
      { rel: 'Down', type: 'Report', href: `${base}/reports/summary`, name: 'Summary' },
      { rel: 'Create', href: `${base}/backupServers?action=create` },
      { rel: 'Delete', href: self },
    ],
    fields: [
      ['UserName', userName],
      ['SessionId', sessionId],
    ],
  };
}

/** The `Error` body (error-500.xml): Message and StatusCode attributes, FirstChanceExceptionMessage child. */
export function errorRes(status: number, message: string): Res {
  return {
    tag: 'Error',
    attrs: [
      ['Message', message],
      ['StatusCode', status],
    ],
    fields: [['FirstChanceExceptionMessage', message]],
  };
}

/** The JSON `Error` form (docs/em-protocol.md, "JSON and its oddities"), which does not follow the generic attribute rules. */
export function errorJson(status: number, message: string): Record<string, unknown> {
  return {
    FirstChanceExceptionMessage: null,
    Message: message,
    StackTrace: null,
    Status: null,
    StatusCode: status,
  };
}
