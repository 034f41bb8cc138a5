import type { XmlNode, XmlValue } from '../xml.js';
import type { EmLink, EmResource } from '../types.js';

/** The node itself when it is an element, else undefined (text-only elements come back as strings). */
export function asNode(value: XmlValue | undefined): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/** The items of a list element, which the parser always makes an array (xml.ts isArray). */
export function asArray(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A field's text, read from the attribute or the element of that name: real servers put some fields
 * (`VmDisplayName`) on attributes while the doc tables list them as elements docs/em-protocol.md, "Attributes where the tables say elements".
 */
export function text(node: XmlNode, field: string): string | undefined {
  const attribute = node[`@_${field}`];
  if (typeof attribute === 'string') return attribute;
  const element = node[field];
  if (typeof element === 'string') return element;
  const inner = asNode(element)?.['#text'];
  if (typeof inner === 'string') return inner;
  return element !== undefined && asNode(element) !== undefined ? '' : undefined;
}

/** Like `text`, but an empty element (`<Reason />`) counts as absent. */
export function optionalText(node: XmlNode, field: string): string | undefined {
  const value = text(node, field);
  return value === undefined || value.trim() === '' ? undefined : value;
}

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An `xs:dateTime` as a Date. EM writes UTC with 0-7 fraction digits (docs/em-protocol.md, "Fractional seconds and placeholder dates"); years before 1900 are
 * placeholders for "never" (`1753-01-01`, `0001-01-01`) and become undefined, as does unparseable text.
 */
export function parseEmDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const match = DATE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  if (Number(year) < 1900) return undefined;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A date field of the node. */
export function date(node: XmlNode, field: string): Date | undefined {
  return parseEmDate(text(node, field));
}

/** A numeric field; undefined when absent or not a number. */
export function number(node: XmlNode, field: string): number | undefined {
  const value = text(node, field);
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A boolean field (`true`/`false`, any case); absent means false. */
export function boolean(node: XmlNode, field: string): boolean {
  return text(node, field)?.trim().toLowerCase() === 'true';
}

/** One `<Link>`-shaped node (also `VmReplicaPointLink`): attributes Rel, Href, Type, Name. */
export function mapLink(node: XmlNode): EmLink | undefined {
  const href = text(node, 'Href');
  if (href === undefined) return undefined;
  const link: EmLink = { rel: text(node, 'Rel') ?? '', href };
  const type = text(node, 'Type');
  const name = text(node, 'Name');
  if (type !== undefined) link.type = type;
  if (name !== undefined) link.name = name;
  return link;
}

/** The `Links/Link` items of a node. */
export function links(node: XmlNode): EmLink[] {
  const container = asNode(node['Links']);
  if (!container) return [];
  return asArray(container['Link'])
    .map((item) => asNode(item))
    .filter((item): item is XmlNode => item !== undefined)
    .map(mapLink)
    .filter((link): link is EmLink => link !== undefined);
}

/** The GUID after the last `:` of a UID (`urn:veeam:Job:<guid>` -> `<guid>`). */
export function idFromUid(uid: string): string {
  return uid.slice(uid.lastIndexOf(':') + 1);
}

/** The attributes every reference and entity has, plus its links. */
export function resource(node: XmlNode): EmResource {
  const uid = text(node, 'UID') ?? '';
  return {
    uid,
    id: idFromUid(uid),
    name: text(node, 'Name') ?? '',
    href: text(node, 'Href') ?? '',
    type: text(node, 'Type') ?? '',
    links: links(node),
  };
}
