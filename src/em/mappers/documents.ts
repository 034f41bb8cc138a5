import type { XmlDocument, XmlNode, XmlValue } from '../xml.js';
import type { EmReference, EmResource, Session, TaskSession } from '../types.js';
import { asArray, asNode, resource } from './fields.js';
import { mapSession, sessionKindOf } from './sessions.js';
import { mapTaskSession, taskSessionKindOf } from './task-sessions.js';

/** Any other entity (Job, BackupServer, CdpPolicy, ...): its resource attributes plus its simple text fields. */
export interface EmEntity extends EmResource {
  fields: Record<string, string>;
}

/** What an arbitrary EM Href returned, sorted by what the bot can show. */
export type EmDocument =
  | { kind: 'session'; session: Session }
  | { kind: 'task'; task: TaskSession }
  | { kind: 'reference'; reference: EmReference }
  | { kind: 'entity'; entity: EmEntity }
  | {
      kind: 'list';
      sessions: Session[];
      tasks: TaskSession[];
      references: EmReference[];
      entities: EmEntity[];
    };

/** Maps one element that may be a session, a task session or another entity. */
export function mapItem(elementName: string, node: XmlNode): EmDocument {
  const sessionKind = sessionKindOf(elementName, node);
  if (sessionKind) return { kind: 'session', session: mapSession(sessionKind, node) };
  const taskKind = taskSessionKindOf(elementName, node);
  if (taskKind) return { kind: 'task', task: mapTaskSession(taskKind, node) };
  if (elementName === 'EntityRef' || elementName === 'Ref')
    return { kind: 'reference', reference: resource(node) };
  return { kind: 'entity', entity: mapEntity(node) };
}

/** Maps any body the bot may get by following a link: an entity, an EntityRef, a reference or entity list. */
export function mapDocument(document: XmlDocument): EmDocument {
  const { root, node } = document;
  if (root === 'EntityReferences') return collect([['Ref', asArray(node['Ref'])]]);
  if (root === 'QueryResult') return collect(queryResultItems(node));
  if (root.endsWith('s') && !node['@_UID'] && !node['@_Href']) {
    return collect(
      Object.entries(node)
        .filter(([key]) => !key.startsWith('@_') && key !== '#text')
        .map(([key, value]): [string, XmlValue[]] => [key, asArray(value)]),
    );
  }
  return mapItem(root, node);
}

/** The raw items of a QueryResult, from `Refs/Ref`, `Entities/<List>/<Item>` or `Resources/<List>/<Item>`. */
export function queryResultItems(node: XmlNode): Array<[string, XmlValue[]]> {
  const pairs: Array<[string, XmlValue[]]> = [];
  const refs = asNode(node['Refs']);
  if (refs) pairs.push(['Ref', asArray(refs['Ref'])]);
  for (const container of [asNode(node['Entities']), asNode(node['Resources'])]) {
    for (const list of Object.values(container ?? {})) {
      for (const [itemName, items] of Object.entries(asNode(list) ?? {})) {
        if (!itemName.startsWith('@_')) pairs.push([itemName, asArray(items)]);
      }
    }
  }
  return pairs;
}

function collect(pairs: Array<[string, XmlValue[]]>): EmDocument {
  const list = { kind: 'list' as const, sessions: [] as Session[], tasks: [] as TaskSession[] };
  const references: EmReference[] = [];
  const entities: EmEntity[] = [];
  for (const [name, items] of pairs) {
    for (const item of items) {
      const node = asNode(item);
      if (!node) continue;
      const mapped = mapItem(name, node);
      if (mapped.kind === 'session') list.sessions.push(mapped.session);
      else if (mapped.kind === 'task') list.tasks.push(mapped.task);
      else if (mapped.kind === 'reference') references.push(mapped.reference);
      else if (mapped.kind === 'entity') entities.push(mapped.entity);
    }
  }
  return { ...list, references, entities };
}

function mapEntity(node: XmlNode): EmEntity {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith('@_') && typeof value === 'string' && value.trim() !== '') fields[key] = value;
  }
  return { ...resource(node), fields };
}
