/**
 * Domain objects for the Enterprise Manager resources the bot uses, as the mappers produce them.
 * Field names are ours (camelCase); the EM element each comes from is named in the comment where it differs.
 * Enums stay open string unions: real servers send values the doc tables omit (Result `None`, see docs/em-protocol.md, "Result is None while a session runs").
 */

/** Session and task results; `None` while a session runs (docs/em-protocol.md, "Result is None while a session runs"). */
export type SessionResult = 'Success' | 'Warning' | 'Failed' | 'None' | (string & {});
/** Job, CDP and failover session states. */
export type SessionState =
  'Starting' | 'Stopping' | 'Working' | 'Pausing' | 'Resuming' | 'Stopped' | (string & {});
/** Task session states (cloud failover tasks use the session states instead). */
export type TaskState = 'InProgress' | 'Pending' | 'Completed' | (string & {});

/** One `<Link>`: Rel, Href (always absolute, as EM wrote it), and the optional Type and Name. */
export interface EmLink {
  rel: string;
  href: string;
  type?: string;
  name?: string;
}

/** What every EM reference and entity carries. */
export interface EmResource {
  /** `urn:veeam:<Type>:<guid>`; empty when EM sent none. */
  uid: string;
  /** The GUID after the UID's last `:`, the `{ID}` of URLs. */
  id: string;
  name: string;
  /** The resource's own Href as EM wrote it (host included). */
  href: string;
  /** The `Type` attribute, e.g. `BackupJobSession` or `JobReference`. */
  type: string;
  links: EmLink[];
}

/** `EntityRef` or a `Ref` item of `EntityReferences` / `QueryResult/Refs`. */
export type EmReference = EmResource;

export type JobSessionKind = 'BackupJobSession' | 'ReplicaJobSession';
export type SessionKind = JobSessionKind | 'CdpReplicaSession' | 'CloudFailoverSession';
export type TaskSessionKind = 'BackupTaskSession' | 'ReplicaTaskSession' | 'CdpReplicaTaskSession';

interface SessionCommon extends EmResource {
  kind: SessionKind;
  /** The job's name; for CDP the policy (`PolicyName`), for cloud failover the plan (the session `Name`). */
  jobName: string;
  /** `JobUid` or `PolicyUid`; undefined for cloud failover sessions, which carry no plan UID. */
  jobUid: string | undefined;
  /** `JobType` or `PolicyType` (`Backup`, `Replica`, `CdpReplica`, `FailoverPlan`, ...). */
  jobType: string | undefined;
  creationTime: Date | undefined;
  /** Absent while the session runs. */
  endTime: Date | undefined;
  state: SessionState;
  result: SessionResult;
  /** 0-100; 0 is common even for finished sessions (docs/em-protocol.md, "Doc tables and examples disagree"). */
  progress: number | undefined;
  isRetry: boolean;
  failureMessage: string | undefined;
}

/** A backup or replication job session. */
export interface JobSession extends SessionCommon {
  kind: JobSessionKind;
}

/** A CDP policy session; its problems show up on its task sessions while it keeps running. */
export interface CdpReplicaSession extends SessionCommon {
  kind: 'CdpReplicaSession';
}

/** One VM of a cloud failover session (the nested `CloudFailoverTasks` items). */
export interface CloudFailoverTask {
  vmName: string;
  replicaPoint: EmLink | undefined;
  creationTime: Date | undefined;
  endTime: Date | undefined;
  state: SessionState;
  result: SessionResult;
  progress: number | undefined;
  failureMessage: string | undefined;
}

/** A cloud failover plan run. */
export interface CloudFailoverSession extends SessionCommon {
  kind: 'CloudFailoverSession';
  tasks: CloudFailoverTask[];
}

export type Session = JobSession | CdpReplicaSession | CloudFailoverSession;

/** A per-VM task session of a backup, replication or CDP session. */
export interface TaskSession extends EmResource {
  kind: TaskSessionKind;
  /** `VmDisplayName`, an attribute on real servers (an element is accepted too). */
  vmName: string;
  /** `JobSessionUid`, or `PolicySessionUid` for CDP. */
  sessionUid: string | undefined;
  creationTime: Date | undefined;
  endTime: Date | undefined;
  state: TaskState;
  result: SessionResult;
  reason: string | undefined;
  totalSize: number | undefined;
  vmUid: string | undefined;
}

/** The body of a successful logon. */
export interface LogonSession {
  sessionId: string;
  userName: string;
  href: string;
  links: EmLink[];
}

/** The unauthenticated API root. */
export interface EnterpriseManagerInfo {
  supportedVersions: string[];
  links: EmLink[];
}

/** Every session type the query service and the simulator know. */
export const SESSION_KINDS: readonly SessionKind[] = [
  'BackupJobSession',
  'ReplicaJobSession',
  'CdpReplicaSession',
  'CloudFailoverSession',
];
export const TASK_SESSION_KINDS: readonly TaskSessionKind[] = [
  'BackupTaskSession',
  'ReplicaTaskSession',
  'CdpReplicaTaskSession',
];

/** The session type a query for `kind` returns: a job kind gives job sessions, and so on. */
export type SessionOf<K extends SessionKind> = K extends JobSessionKind
  ? JobSession
  : K extends 'CdpReplicaSession'
    ? CdpReplicaSession
    : CloudFailoverSession;

/** Keeps the sessions of `kind`'s family (a job query may hold either job kind), typed as such. */
export function sessionsOfKind<K extends SessionKind>(kind: K, sessions: Session[]): Array<SessionOf<K>> {
  const family = familyOf(kind);
  return sessions.filter((s): s is SessionOf<K> => familyOf(s.kind) === family);
}

function familyOf(kind: SessionKind): string {
  return kind === 'BackupJobSession' || kind === 'ReplicaJobSession' ? 'job' : kind;
}
