import type { SessionKind, TaskSessionKind } from './types.js';

/** The query-service field names of one session type; they differ between types (docs/em-protocol.md, "Query field names", docs/em-protocol.md, "Query field names"). */
export interface QueryFields {
  creation: string;
  end: string;
  /** The field holding the job, policy or plan name. */
  owner: string;
  /** The field holding the job or policy UID, where one exists. */
  ownerUid: string | undefined;
  state: string;
  result: string;
}

const JOB: QueryFields = {
  creation: 'CreationTime',
  end: 'EndTime',
  owner: 'JobName',
  ownerUid: 'JobUid',
  state: 'State',
  result: 'Result',
};

/** Field names per session type. CDP uses the `…UTC` names and `Policy…`; a failover session's plan is its `Name`. */
export const SESSION_FIELDS: Record<SessionKind, QueryFields> = {
  BackupJobSession: JOB,
  ReplicaJobSession: JOB,
  CdpReplicaSession: {
    ...JOB,
    creation: 'CreationTimeUTC',
    end: 'EndTimeUTC',
    owner: 'PolicyName',
    ownerUid: 'PolicyUid',
  },
  CloudFailoverSession: { ...JOB, owner: 'Name', ownerUid: undefined },
};

/** Field names per task-session type; `owner` is the parent session's UID field. */
export const TASK_FIELDS: Record<TaskSessionKind, QueryFields & { vm: string }> = {
  BackupTaskSession: { ...JOB, owner: 'JobSessionUid', ownerUid: undefined, vm: 'VmDisplayName' },
  ReplicaTaskSession: { ...JOB, owner: 'JobSessionUid', ownerUid: undefined, vm: 'VmDisplayName' },
  // `Result` is not in the CDP task table but is on every entity; assumed filterable (docs/em-protocol.md, "Result on CDP task sessions").
  CdpReplicaTaskSession: {
    ...JOB,
    creation: 'CreationTimeUTC',
    end: 'EndTimeUTC',
    owner: 'PolicySessionUid',
    ownerUid: undefined,
    vm: 'VmDisplayName',
  },
};

/** The collection path of each session and task-session type, for look-ups by ID (docs/em-protocol.md, "Resources we use"). */
export const COLLECTIONS: Record<SessionKind | TaskSessionKind, string> = {
  BackupJobSession: 'backupSessions',
  ReplicaJobSession: 'replicaSessions',
  CdpReplicaSession: 'cdpReplicaSessions',
  CloudFailoverSession: 'cloud/failoverSessions',
  BackupTaskSession: 'backupTaskSessions',
  ReplicaTaskSession: 'replicaTaskSessions',
  CdpReplicaTaskSession: 'cdpReplicaTaskSessions',
};
