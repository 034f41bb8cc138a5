import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

type Ordered = Record<string, unknown>;
/** Element name, attribute names and child shapes; repeated siblings collapsed except links. */
export interface Shape {
  tag: string;
  attrs: string[];
  children: Shape[];
}

const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
});
/** A plain parser for reading values. */
export const plain = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) =>
    [
      'Link',
      'Ref',
      'BackupJobSession',
      'BackupTaskSession',
      'ReplicaJobSession',
      'ReplicaTaskSession',
      'CdpPolicySession',
      'CdpReplicaTaskSession',
      'CloudFailoverSession',
      'CloudFailoverTasks',
      'Job',
      'BackupServer',
    ].includes(name),
});

function tagOf(node: Ordered): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function shapeOf(node: Ordered): Shape {
  const tag = tagOf(node);
  const attrs = Object.keys((node[':@'] as Ordered | undefined) ?? {})
    .filter((a) => !a.startsWith('xmlns'))
    .map((a) => (tag === 'Link' && a === 'Rel' ? `Rel=${String((node[':@'] as Ordered)[a])}` : a))
    .sort();
  const kids = ((node[tag] as Ordered[] | undefined) ?? []).filter((c) => !('#text' in c) && !('?xml' in c));
  const children: Shape[] = [];
  for (const kid of kids) {
    const shape = shapeOf(kid);
    const prev = children[children.length - 1];
    if (prev && prev.tag === shape.tag && shape.tag !== 'Link') continue;
    children.push(shape);
  }
  return { tag, attrs, children };
}

/** The shape of a document's root element (comments and declaration skipped). */
export function shapeOfXml(xml: string): Shape {
  const nodes = (ordered.parse(xml) as Ordered[]).filter(
    (n) => !('?xml' in n) && !('#comment' in n) && !('#text' in n),
  );
  const root = nodes[0];
  if (!root) throw new Error('no root element');
  return shapeOf(root);
}

/** The shape of an example in test/fixtures/em/. */
export function fixtureShape(file: string): Shape {
  return shapeOfXml(readFileSync(new URL(`../../fixtures/em/${file}`, import.meta.url), 'utf8'));
}

/** The first descendant with this tag. */
export function findShape(shape: Shape, tag: string): Shape | undefined {
  if (shape.tag === tag) return shape;
  for (const child of shape.children) {
    const found = findShape(child, tag);
    if (found) return found;
  }
  return undefined;
}
