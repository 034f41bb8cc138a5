/** A task of a control-API session: cloud failover items use session states, others task states. */
export interface TaskSpec {
  vmName: string;
  state?: string;
  result?: string;
  reason?: string;
  progress?: number;
  totalSize?: number;
  creationTime?: string;
  endTime?: string;
}

/** Body of POST /_sim/sessions. */
export interface SessionSpec {
  /** BackupJobSession, ReplicaJobSession, CdpReplicaSession or CloudFailoverSession. */
  type: string;
  /** Job, CDP policy or failover plan; created when unknown. */
  jobName?: string;
  state?: string;
  result?: string;
  failureMessage?: string;
  isRetry?: boolean;
  progress?: number;
  creationTime?: string;
  endTime?: string;
  tasks?: TaskSpec[];
}

/** Body of POST /_sim/sessions/{id}. */
export type SessionPatch = Partial<Omit<SessionSpec, 'type' | 'jobName'>>;

/** Answer of both calls. */
export interface SessionCreated {
  uid: string;
  id: string;
  href: string;
}

/** Bad control input; answered with 400 `{error}` (404 when the session is unknown). */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}
