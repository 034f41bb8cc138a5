import type { XmlNode } from '../xml.js';
import type { TaskSession, TaskSessionKind } from '../types.js';
import { date, number, optionalText, resource, text } from './fields.js';

/** The task-session kind an element stands for, by `Type` attribute or element name. */
export function taskSessionKindOf(elementName: string, node: XmlNode): TaskSessionKind | undefined {
  const declared = text(node, 'Type') ?? elementName;
  return declared === 'BackupTaskSession' ||
    declared === 'ReplicaTaskSession' ||
    declared === 'CdpReplicaTaskSession'
    ? declared
    : undefined;
}

/** Maps a BackupTaskSession, ReplicaTaskSession or CdpReplicaTaskSession entity. */
export function mapTaskSession(kind: TaskSessionKind, node: XmlNode): TaskSession {
  const base = resource(node);
  return {
    ...base,
    href: canonicalHref(kind, base.href, base.links),
    kind,
    vmName: text(node, 'VmDisplayName') ?? '',
    sessionUid: optionalText(node, kind === 'CdpReplicaTaskSession' ? 'PolicySessionUid' : 'JobSessionUid'),
    creationTime: date(node, 'CreationTimeUTC'),
    endTime: date(node, 'EndTimeUTC'),
    state: text(node, 'State') ?? '',
    result: text(node, 'Result') ?? 'None',
    // Reasons carry trailing spaces on real servers (docs/em-protocol.md, "Empty and single-item elements"); trim for display, keep inner text.
    reason: optionalText(node, 'Reason')?.trim(),
    totalSize: number(node, 'TotalSize'),
    vmUid: optionalText(node, 'VmUid'),
  };
}

/**
 * A CDP task session's own Href points at `/replicaTaskSessions/` while its Alternate link has the right
 * collection (docs/em-protocol.md, "CDP task sessions link to the wrong collection"): take the entity URL from the Alternate reference in that case.
 */
function canonicalHref(kind: TaskSessionKind, href: string, links: TaskSession['links']): string {
  if (kind !== 'CdpReplicaTaskSession' || /\/cdpReplicaTaskSessions\//i.test(href)) return href;
  const alternate = links.find(
    (link) => link.rel === 'Alternate' && /\/cdpReplicaTaskSessions\//i.test(link.href),
  );
  if (!alternate) return href;
  return alternate.href.includes('?') ? alternate.href : `${alternate.href}?format=Entity`;
}
