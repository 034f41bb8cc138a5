/** A `<Link>`: Rel, optional Type, Href, optional Name (docs/em-protocol.md, "References, entities and links"). */
export interface Link {
  rel: string;
  type?: string;
  href: string;
  name?: string;
}

export type Scalar = string | number | boolean;
/** An element value: text, an empty element (null or ''), a nested element, or a container of items. */
export type Value = Scalar | null | undefined | Res | Res[];

/**
 * A format-neutral representation of one EM element, rendered to XML by write-xml.ts and to JSON by
 * write-json.ts. Building it is cheap; it only lives for one response.
 */
export interface Res {
  tag: string;
  /** Attributes in XML order. */
  attrs: [string, Scalar][];
  /** The `<Links>` child; absent when undefined. */
  links?: Link[];
  /** Child elements after Links, in schema order; undefined values are omitted. */
  fields: [string, Value][];
  /** Repeated children rendered directly inside this element (list roots). */
  items?: Res[];
  /** JSON property name of `items` (`Refs`, `BackupJobSessions`, ...). */
  listKey?: string;
  /** Text content next to attributes (`<Day Name="Sunday">1,1,...</Day>`); `Value` in JSON. */
  text?: string;
}

export const EM_NS = 'http://www.veeam.com/ent/v1.0';

/** A list root or container: `<tag>` + items, `{listKey: [...]}` in JSON. */
export function listRes(tag: string, items: Res[], listKey = tag): Res {
  return { tag, attrs: [], fields: [], items, listKey };
}
