import { XMLParser, type MatcherView } from 'fast-xml-parser';
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

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value as text: a job named `007` or `true` must stay a string; mappers convert known fields.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the XML predefined entities (`&amp;` in paging links); DOCTYPE bodies are refused before parsing.
  processEntities: true,
  htmlEntities: false,
  // The callback gets the parser's path matcher, not a joined path string: building and splitting a string for
  // every element took a sixth of the time to read a 1,000-session page (`BENCH_ONLY=xml npm run bench`).
  jPath: false,
  isArray: (name: string, path: string | MatcherView, _isLeaf: boolean, isAttribute: boolean) => {
    const tags = typeof path === 'string' ? path.split('.') : path.toArray();
    // An element's path ends with the element itself; an attribute's ends with the element that carries it.
    const parent = tags[tags.length - (isAttribute ? 1 : 2)];
    if (parent === undefined || !LIST_PARENTS.has(parent)) return false;
    // Inside a failover task item the children (State, Result, ...) also have a `CloudFailoverTasks` parent.
    return parent !== 'CloudFailoverTasks' || name === 'CloudFailoverTasks';
  },
});

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
 * expansion from untrusted bodies), on anything that is not one well-formed root element, and on truncation:
 * fast-xml-parser is lenient about missing closing tags, so we check that the body ends by closing its root.
 */
export function parseXml(body: string): XmlDocument {
  const text = (body.startsWith(BOM) ? body.slice(1) : body).trim();
  // Anywhere in the body, not only near the start: a long comment must not carry a DOCTYPE past the check.
  if (DECLARATION.test(text)) throw parseError('a DOCTYPE or entity declaration is not allowed');
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw parseError('malformed XML', cause);
  }
  if (typeof parsed !== 'object' || parsed === null) throw parseError('expected exactly one root element');
  const roots = Object.keys(parsed);
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw parseError('expected exactly one root element');
  if (!closesRoot(text, root)) throw parseError(`the body ends before </${root}>`);
  const value = parsed[root];
  const node: XmlNode =
    typeof value === 'object' && value !== null ? (value as XmlNode) : { '#text': String(value) };
  return { root, node };
}

function closesRoot(text: string, root: string): boolean {
  if (text.endsWith('/>') && !text.includes('</')) return true;
  const closing = /<\/(?:[\w.-]+:)?([\w.-]+)\s*>$/.exec(text);
  return closing?.[1] === root;
}

function parseError(detail: string, cause?: unknown): AppError {
  return new AppError(ErrorCode.EmParse, `Enterprise Manager sent an unreadable body: ${detail}`, {
    cause,
    userMessage: 'Enterprise Manager sent an answer the bot could not read; try again',
  });
}
