import type { WatchableKind } from '../config/schema.js';
import type { Session, TaskSession } from '../em/types.js';
import { jobNameOfTask } from '../em/lookups.js';

/** One thing that may be alerted: a stopped session, or a finished CDP task session. */
export interface AlertSubject {
  uid: string;
  kind: WatchableKind;
  /** Groups sessions into incidents: the same job (or, for CDP tasks, the same policy and VM). */
  jobKey: string;
  jobName: string;
  result: string;
  endedAt: number;
  isRetry: boolean;
  server: string | undefined;
  session?: Session;
  task?: TaskSession;
}

const KIND_OF_SESSION: Record<Session['kind'], WatchableKind> = {
  BackupJobSession: 'backup',
  ReplicaJobSession: 'replica',
  CdpReplicaSession: 'cdp',
  CloudFailoverSession: 'failover',
};

/** The subject for a stopped session. */
export function subjectOfSession(session: Session): AlertSubject {
  const kind = KIND_OF_SESSION[session.kind];
  return {
    uid: session.uid,
    kind,
    jobKey: `${kind}:${session.jobUid ?? session.jobName.toLowerCase()}`,
    jobName: session.jobName,
    result: session.result,
    endedAt: session.endTime?.getTime() ?? 0,
    isRetry: session.isRetry,
    server: serverOf(session.links),
    session,
  };
}

/** The subject for a finished CDP task session; its policy is the parent session's name before `@` (docs/em-protocol.md, "Names with timestamps"). */
export function subjectOfCdpTask(task: TaskSession): AlertSubject {
  const policy = jobNameOfTask(task) ?? '';
  return {
    uid: task.uid,
    kind: 'cdptask',
    jobKey: `cdptask:${policy.toLowerCase()}:${task.vmName.toLowerCase()}`,
    jobName: policy || task.vmName,
    result: task.result,
    endedAt: task.endTime?.getTime() ?? 0,
    isRetry: false,
    server: serverOf(task.links),
    task,
  };
}

function serverOf(links: { rel: string; type?: string; name?: string }[]): string | undefined {
  return links.find((l) => l.rel === 'Up' && l.type === 'BackupServerReference')?.name;
}

/** The entity Href of the subject's session or task session. */
export function subjectHref(subject: AlertSubject): string {
  return subject.session?.href ?? subject.task?.href ?? '';
}

/** The job identity of a subject, for success look-ups. */
export function jobOfSubject(subject: AlertSubject): {
  sessionKind: string;
  ownerUid?: string;
  jobName: string;
  vmName?: string;
} {
  return {
    sessionKind: subject.session?.kind ?? subject.task?.kind ?? '',
    jobName: subject.jobName,
    ...(subject.session?.jobUid ? { ownerUid: subject.session.jobUid } : {}),
    ...(subject.task ? { vmName: subject.task.vmName } : {}),
  };
}
