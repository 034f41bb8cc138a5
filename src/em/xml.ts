import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError, ErrorCode } from '../shared/errors.js';

/** A parsed XML element: attributes under `@_Name`, child elements by local name, text under `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** The root element's local name and its content. */
export interface XmlDocument {
  root: string;
  node: XmlNode;
}

/**
 * Element names that hold a list whose items must always be arrays, even with one item (docs/em-protocol.md, "Empty and single-item elements").
 * Keyed by the parent's local name; `*` means every child of that parent.
 */
const LIST_PARENTS = new Set([
  'Links',
  'Refs',
  'EntityReferences',
  'SupportedVersions',
  'LogonSessions',
  'Tasks',
  'BackupJobSessions',
  'BackupTaskSessions',
  'ReplicaJobSessions',
  'ReplicaTaskSessions',
  'CdpReplicaSessions',
  'CdpReplicaTaskSessions',
  'CloudFailoverSessions',
  'Jobs',
  'BackupServers',
  'CdpPolicies',
  'CloudFailoverPlans',
  // The per-VM items of a cloud failover session are named like their container docs/em-protocol.md, "Cloud failover items".
  'CloudFailoverTasks',
]);

const BOM = '\uFEFF';
/** A DOCTYPE, or an ENTITY (or other markup) declaration, in any case: refused before the parser sees it. */
const DECLARATION = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/**
 * Runs a mapper over parsed XML and types whatever it throws that is not ours (a TypeError from a shape the
 * mapper did not expect) as an `em_parse` error: a strange body is an EM failure, never a crash of the bot.
 */
export function mapXml<T, R>(input: T, mapper: (input: T) => R): R {
  try {
    return mapper(input);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw parseError(
      `an unexpected shape (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
}

/**
 * Parses an EM XML body into its root element. Throws an `em_parse` AppError on a DOCTYPE (no entity
 * expansion from untrusted bodies), and on anything that is not one well-formed root element: saxes is a strict
 * XML parser, so a truncated body, a mismatched tag or an unknown entity fails.
 */
export function parseXml(body: string): XmlDocument {
  const text = (body.startsWith(BOM) ? body.slice(1) : body).trim();
  // Anywhere in the body, not only near the start: a long comment must not carry a DOCTYPE past the check.
  if (DECLARATION.test(text)) throw parseError('a DOCTYPE or entity declaration is not allowed');
  let document: XmlDocument | undefined;
  try {
    document = buildTree(text);
  } catch (cause) {
    // saxes names the fault ("unclosed tag: QueryResult", "undefined entity."), never the body around it.
    const fault = cause instanceof Error ? cause.message.slice(0, 120) : String(cause);
    throw parseError(cause instanceof RootError ? fault : `malformed XML (${fault})`, cause);
  }
  if (document === undefined) throw parseError('expected exactly one root element');
  return document;
}

/** An element being read: its local name, its children so far, its text and its attributes. */
interface OpenElement {
  name: string;
  children: XmlNode;
  hasChildren: boolean;
  text: string;
  attributes: [string, string][];
}

/** A well-formed body that is not one EM document. */
class RootError extends Error {}

/**
 * Builds the tree from saxes' events. The shape (docs/em-protocol.md, "Empty and single-item elements"): child
 * elements by local name, repeated names and list items as arrays, text (with CDATA) under `#text`, attributes
 * under `@_Name` without their prefix and without `xmlns` declarations; an element with neither attributes nor
 * children is its text (`""` when empty).
 */
function buildTree(text: string): XmlDocument | undefined {
  const parser = new SaxesParser({ xmlns: false, position: false } as const);
  const open: OpenElement[] = [];
  let document: XmlDocument | undefined;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (document !== undefined) throw new RootError('expected exactly one root element');
    open.push({
      name: localName(tag.name),
      children: {},
      hasChildren: false,
      text: '',
      attributes: attributesOf(tag),
    });
  });
  const addText = (chunk: string): void => {
    const element = open[open.length - 1];
    if (element !== undefined) element.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const element = open.pop();
    if (element === undefined) return;
    const value = valueOf(element);
    const parent = open[open.length - 1];
    if (parent === undefined) {
      document = {
        root: element.name,
        node: typeof value === 'string' ? { '#text': value } : value,
      };
    } else addChild(parent, element.name, value);
  });
  parser.write(text).close();
  return document;
}

function attributesOf(tag: SaxesTagPlain): [string, string][] {
  const attributes: [string, string][] = [];
  for (const name in tag.attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes.push([`@_${localName(name)}`, tag.attributes[name] ?? '']);
  }
  return attributes;
}

/** `ns:Name` → `Name`: EM's bodies use one default namespace; the mappers read local names. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  const local = colon < 0 ? name : name.slice(colon + 1);
  // A plain object would take it as its prototype.
  if (local === '__proto__') throw new RootError('an element or attribute named __proto__');
  return local;
}

function valueOf(element: OpenElement): XmlNode | string {
  if (!element.hasChildren && element.attributes.length === 0) return element.text;
  const node = element.children;
  if (element.text.length > 0) node['#text'] = element.text;
  for (const [name, value] of element.attributes) node[name] = value;
  return node;
}

function addChild(parent: OpenElement, name: string, value: XmlValue): void {
  const siblings = parent.children;
  parent.hasChildren = true;
  if (Object.hasOwn(siblings, name)) {
    const existing = siblings[name];
    if (Array.isArray(existing)) existing.push(value);
    else siblings[name] = [existing as XmlValue, value];
  } else siblings[name] = isListItem(parent.name, name) ? [value] : value;
}

/** Whether `name` under `parent` is a list item, kept as an array even alone. */
function isListItem(parent: string, name: string): boolean {
  if (!LIST_PARENTS.has(parent)) return false;
  // Inside a failover task item the children (State, Result, ...) also have a `CloudFailoverTasks` parent.
  return parent !== 'CloudFailoverTasks' || name === 'CloudFailoverTasks';
}

function parseError(detail: string, cause?: unknown): AppError {
  return new AppError(ErrorCode.EmParse, `Enterprise Manager sent an unreadable body: ${detail}`, {
    cause,
    userMessage: 'Enterprise Manager sent an answer the bot could not read; try again',
  });
}
