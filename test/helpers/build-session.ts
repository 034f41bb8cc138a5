import type {
  CdpReplicaSession,
  CloudFailoverSession,
  CloudFailoverTask,
  EmLink,
  JobSession,
  TaskSession,
} from '../../src/em/types.js';

const API = 'https://em.example.local:9398/api';
const SERVER_ID = 'a490c017-2c1c-40ee-8bcf-73bcce6ab36f';

let counter = 0;
/** A fresh, readable GUID-shaped id per call so UIDs and hrefs differ between built objects. */
function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** The Up link to the backup server, as every EM session carries it. */
export function serverLink(name = 'enterprise01.tech.local'): EmLink {
  return { rel: 'Up', type: 'BackupServerReference', href: `${API}/backupServers/${SERVER_ID}`, name };
}

/** A backup job session like `backup-job-session-entity.xml`, finished with Success unless overridden. */
export function buildJobSession(overrides: Partial<JobSession> = {}): JobSession {
  const id = overrides.id ?? nextId();
  const jobName = overrides.jobName ?? 'Backup Job 3';
  const name = overrides.name ?? `${jobName}@2025-09-24 20:00:09`;
  const kind = overrides.kind ?? 'BackupJobSession';
  const replica = kind === 'ReplicaJobSession';
  const coll = replica ? 'replicaSessions' : 'backupSessions';
  const jobId = nextId();
  return {
    kind: 'BackupJobSession',
    uid: `urn:veeam:${kind}:${id}`,
    id,
    name,
    href: `${API}/${coll}/${id}?format=Entity`,
    type: kind,
    links: [
      serverLink(),
      { rel: 'Up', type: 'JobReference', href: `${API}/jobs/${jobId}`, name: jobName },
      { rel: 'Alternate', type: `${kind}Reference`, href: `${API}/${coll}/${id}`, name },
      replica
        ? {
            rel: 'Down',
            type: 'ReplicaTaskSessionReferenceList',
            href: `${API}/${coll}/${id}/replicaTaskSessions`,
          }
        : { rel: 'Down', type: 'BackupTaskSessionReferenceList', href: `${API}/${coll}/${id}/taskSessions` },
      { rel: 'Stop', href: `${API}/${coll}/${id}?action=stop` },
    ],
    jobName,
    jobUid: `urn:veeam:Job:${jobId}`,
    jobType: replica ? 'Replica' : 'Backup',
    creationTime: new Date('2025-09-24T20:00:09.607Z'),
    endTime: new Date('2025-09-24T20:02:54.717Z'),
    state: 'Stopped',
    result: 'Success',
    progress: 100,
    isRetry: false,
    failureMessage: undefined,
    ...overrides,
  };
}

/** A CDP policy session like `cdp-replica-session-entity.xml`, running (Working, Result None) unless overridden. */
export function buildCdpSession(overrides: Partial<CdpReplicaSession> = {}): CdpReplicaSession {
  const id = overrides.id ?? nextId();
  const policyId = nextId();
  const jobName = overrides.jobName ?? 'CDP Policy 1';
  const name = overrides.name ?? `${jobName}@2021-02-11 19:08:36`;
  return {
    kind: 'CdpReplicaSession',
    uid: `urn:veeam:CdpReplicaSession:${id}`,
    id,
    name,
    href: `${API}/cdpReplicaSessions/${id}?format=Entity`,
    type: 'CdpReplicaSession',
    links: [
      serverLink('enterprise03.tech.local'),
      { rel: 'Up', type: 'CdpPolicyReference', href: `${API}/cdpPolicies/${policyId}`, name: jobName },
      { rel: 'Alternate', type: 'CdpReplicaSessionReference', href: `${API}/cdpReplicaSessions/${id}`, name },
      {
        rel: 'Down',
        type: 'CdpReplicaTaskSessionReferenceList',
        href: `${API}/cdpReplicaSessions/${id}/cdpReplicaTaskSessions`,
      },
    ],
    jobName,
    jobUid: `urn:veeam:CdpPolicy:${policyId}`,
    jobType: 'CdpReplica',
    creationTime: new Date('2021-02-11T19:08:36.123Z'),
    endTime: undefined,
    state: 'Working',
    result: 'None',
    progress: 0,
    isRetry: false,
    failureMessage: undefined,
    ...overrides,
  };
}

/** One VM of a cloud failover session, running unless overridden. */
export function buildFailoverTask(overrides: Partial<CloudFailoverTask> = {}): CloudFailoverTask {
  const vmName = overrides.vmName ?? 'filesrv03';
  return {
    vmName,
    replicaPoint: {
      rel: 'Related',
      type: 'CloudVmReplicaPointReference',
      href: `${API}/cloud/vmReplicaPoints/${nextId()}`,
      name: `${vmName}@2020-02-13 05:00:46`,
    },
    creationTime: new Date('2020-05-06T20:29:50.13Z'),
    endTime: undefined,
    state: 'Working',
    result: 'None',
    progress: 40,
    failureMessage: undefined,
    ...overrides,
  };
}

/** A cloud failover session like `cloud-failover-session-entity-running.xml`, running with two VMs unless overridden. */
export function buildFailoverSession(overrides: Partial<CloudFailoverSession> = {}): CloudFailoverSession {
  const id = overrides.id ?? nextId();
  const name = overrides.name ?? 'ABC Company Failover Plan';
  return {
    kind: 'CloudFailoverSession',
    uid: `urn:veeam:CloudFailoverSession:${id}`,
    id,
    name,
    href: `${API}/cloud/failoverSessions/${id}?format=Entity`,
    type: 'CloudFailoverSession',
    links: [
      serverLink('srv13.tech.local'),
      {
        rel: 'Alternate',
        type: 'CloudFailoverSessionReference',
        href: `${API}/cloud/failoverSessions/${id}`,
        name,
      },
    ],
    jobName: name,
    jobUid: undefined,
    jobType: 'FailoverPlan',
    creationTime: new Date('2020-05-06T20:29:45.077Z'),
    endTime: undefined,
    state: 'Working',
    result: 'None',
    progress: 20,
    isRetry: false,
    failureMessage: undefined,
    tasks: [buildFailoverTask(), buildFailoverTask({ vmName: 'filesrv04', state: 'Starting', progress: 0 })],
    ...overrides,
  };
}

/** A backup task session like `backup-task-session-entity.xml`, completed with Success unless overridden. */
export function buildTaskSession(overrides: Partial<TaskSession> = {}): TaskSession {
  const id = overrides.id ?? nextId();
  const parentId = nextId();
  const vmName = overrides.vmName ?? 'AnT_VM2';
  const name = overrides.name ?? `${vmName}@2025-10-11 20:06:09`;
  return {
    kind: 'BackupTaskSession',
    uid: `urn:veeam:BackupTaskSession:${id}`,
    id,
    name,
    href: `${API}/backupTaskSessions/${id}?format=Entity`,
    type: 'BackupTaskSession',
    links: [
      serverLink(),
      {
        rel: 'Up',
        type: 'BackupJobSessionReference',
        href: `${API}/backupSessions/${parentId}`,
        name: 'Backup Job 3@2025-10-11 20:00:04',
      },
      { rel: 'Alternate', type: 'BackupTaskSessionReference', href: `${API}/backupTaskSessions/${id}`, name },
    ],
    vmName,
    sessionUid: `urn:veeam:BackupJobSession:${parentId}`,
    creationTime: new Date('2025-10-11T20:06:09.627Z'),
    endTime: new Date('2025-10-11T20:07:09.347Z'),
    state: 'Completed',
    result: 'Success',
    reason: undefined,
    totalSize: 12884901888,
    vmUid: 'urn:VMware:Vm:a87d15db-dd70-4769-acd6-41bae88219d4.vm-91826',
    ...overrides,
  };
}
