import type { XmlNode } from '../xml.js';
import type {
  CdpReplicaSession,
  CloudFailoverSession,
  CloudFailoverTask,
  JobSession,
  Session,
  SessionKind,
} from '../types.js';
import { asArray, asNode, boolean, date, mapLink, number, optionalText, resource, text } from './fields.js';

/** The session kind an element stands for: by its `Type` attribute first, since the element name lies (docs/em-protocol.md, "CDP session items named CdpPolicySession"). */
export function sessionKindOf(elementName: string, node: XmlNode): SessionKind | undefined {
  const declared = text(node, 'Type') ?? elementName;
  switch (declared) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
    case 'CdpReplicaSession':
    case 'CloudFailoverSession':
      return declared;
    default:
      return elementName === 'CdpPolicySession' ? 'CdpReplicaSession' : undefined;
  }
}

/** Maps a BackupJobSession, ReplicaJobSession, CdpReplicaSession (or CdpPolicySession) or CloudFailoverSession entity. */
export function mapSession(kind: SessionKind, node: XmlNode): Session {
  switch (kind) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
      return mapJobSession(kind, node);
    case 'CdpReplicaSession':
      return mapCdpSession(node);
    case 'CloudFailoverSession':
      return mapFailoverSession(node);
  }
}

function common(node: XmlNode) {
  return {
    ...resource(node),
    creationTime: date(node, 'CreationTimeUTC'),
    endTime: date(node, 'EndTimeUTC'),
    state: text(node, 'State') ?? '',
    // No Result element at all only happens on odd builds; a running session reports `None` (docs/em-protocol.md, "Result is None while a session runs").
    result: text(node, 'Result') ?? 'None',
    progress: number(node, 'Progress'),
    isRetry: boolean(node, 'IsRetry'),
    failureMessage: optionalText(node, 'FailureMessage'),
  };
}

function mapJobSession(kind: JobSession['kind'], node: XmlNode): JobSession {
  return {
    ...common(node),
    kind,
    jobName: text(node, 'JobName') ?? '',
    jobUid: optionalText(node, 'JobUid'),
    jobType: optionalText(node, 'JobType'),
  };
}

function mapCdpSession(node: XmlNode): CdpReplicaSession {
  return {
    ...common(node),
    kind: 'CdpReplicaSession',
    jobName: text(node, 'PolicyName') ?? '',
    jobUid: optionalText(node, 'PolicyUid'),
    jobType: optionalText(node, 'PolicyType'),
  };
}

function mapFailoverSession(node: XmlNode): CloudFailoverSession {
  const container = asNode(node['CloudFailoverTasks']);
  const tasks = container ? asArray(container['CloudFailoverTasks']) : [];
  const base = common(node);
  return {
    ...base,
    kind: 'CloudFailoverSession',
    // The session is named after its plan (docs/em-protocol.md, "Names with timestamps"); there is no plan UID on the session.
    jobName: base.name,
    jobUid: undefined,
    jobType: optionalText(node, 'JobType'),
    tasks: tasks
      .map((item) => asNode(item))
      .filter((item): item is XmlNode => item !== undefined)
      .map(mapFailoverTask),
  };
}

function mapFailoverTask(node: XmlNode): CloudFailoverTask {
  const pointNode = asNode(node['VmReplicaPointLink']);
  return {
    vmName: text(node, 'VmName') ?? '',
    replicaPoint: pointNode ? mapLink(pointNode) : undefined,
    creationTime: date(node, 'CreationTimeUTC'),
    endTime: date(node, 'EndTimeUTC'),
    state: text(node, 'State') ?? '',
    result: text(node, 'Result') ?? 'None',
    progress: number(node, 'Progress'),
    failureMessage: optionalText(node, 'FailureMessage'),
  };
}
