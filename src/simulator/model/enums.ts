/** Session kinds as small integers for the column store. */
export const Kind = { Backup: 0, Replica: 1, Cdp: 2, Failover: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
export const KINDS: readonly Kind[] = [Kind.Backup, Kind.Replica, Kind.Cdp, Kind.Failover];

/** The EM type name of each session kind (the `urn:veeam:<Type>:` part). */
export const SESSION_TYPE: Record<Kind, string> = {
  0: 'BackupJobSession',
  1: 'ReplicaJobSession',
  2: 'CdpReplicaSession',
  3: 'CloudFailoverSession',
};

/** The EM type name of the task sessions of each kind (failover tasks have no type, docs/em-protocol.md, "Cloud failover items"). */
export const TASK_TYPE: Record<Kind, string> = {
  0: 'BackupTaskSession',
  1: 'ReplicaTaskSession',
  2: 'CdpReplicaTaskSession',
  3: 'CloudFailoverTask',
};

/** Kind for an EM session type name (case-insensitive), or undefined. */
export function kindOfSessionType(name: string): Kind | undefined {
  const lower = name.toLowerCase();
  for (const kind of KINDS) if (SESSION_TYPE[kind].toLowerCase() === lower) return kind;
  return undefined;
}

/** Result ordinals: None sorts below Success (docs/em-protocol.md, "Where None sorts", an assumption), then Success < Warning < Failed. */
export const RESULTS = ['None', 'Success', 'Warning', 'Failed'] as const;
export const Result = { None: 0, Success: 1, Warning: 2, Failed: 3 } as const;

/** Job-session states in their documented order (docs/em-protocol.md, "Resources we use"). */
export const SESSION_STATES = ['Starting', 'Stopping', 'Working', 'Pausing', 'Resuming', 'Stopped'] as const;
export const SessionState = {
  Starting: 0,
  Stopping: 1,
  Working: 2,
  Pausing: 3,
  Resuming: 4,
  Stopped: 5,
} as const;

/** Task-session states in their documented order. */
export const TASK_STATES = ['InProgress', 'Pending', 'Completed'] as const;
export const TaskState = { InProgress: 0, Pending: 1, Completed: 2 } as const;

/** Ordinal of `name` in `list`, case-insensitively (docs/em-protocol.md, "Names match case-insensitively"), or -1. */
export function ordinalOf(list: readonly string[], name: string): number {
  const lower = name.toLowerCase();
  return list.findIndex((item) => item.toLowerCase() === lower);
}
