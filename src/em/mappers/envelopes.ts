import type { XmlDocument, XmlNode } from '../xml.js';
import type { EnterpriseManagerInfo, LogonSession } from '../types.js';
import { asArray, asNode, links, mapLink, number, resource, text } from './fields.js';

/** The `Error` body EM sends with 4xx/5xx: its Message and StatusCode (attributes on real servers, docs/em-protocol.md, "Errors and status codes"). */
export interface EmErrorBody {
  message: string | undefined;
  statusCode: number | undefined;
}

/** Reads an EM `Error` document; undefined when the body is something else. */
export function mapErrorBody(document: XmlDocument): EmErrorBody | undefined {
  if (document.root !== 'Error') return undefined;
  return {
    message: text(document.node, 'Message')?.trim() || undefined,
    statusCode: number(document.node, 'StatusCode'),
  };
}

/** Reads the `LogonSession` body of a logon. */
export function mapLogonSession(node: XmlNode): LogonSession {
  const base = resource(node);
  return {
    sessionId: text(node, 'SessionId') ?? '',
    userName: text(node, 'UserName') ?? '',
    href: base.href,
    links: base.links,
  };
}

/** Reads the unauthenticated `EnterpriseManager` root. */
export function mapEnterpriseManager(node: XmlNode): EnterpriseManagerInfo {
  const versions = asArray(asNode(node['SupportedVersions'])?.['SupportedVersion'])
    .map((item) => asNode(item))
    .filter((item): item is XmlNode => item !== undefined)
    .map((item) => text(item, 'Name') ?? '')
    .filter(Boolean);
  return { supportedVersions: versions, links: links(node) };
}

/** Paging details of a QueryResult: page numbers and the verbatim `Next` link (docs/em-protocol.md, "Paging"). */
export function mapPagingInfo(node: XmlNode): {
  pageNum: number;
  pageSize: number;
  pagesCount: number;
  next?: string;
} {
  const paging = asNode(node['PagingInfo']);
  if (!paging) return { pageNum: 1, pageSize: 0, pagesCount: 1 };
  const next = asArray(asNode(paging['Links'])?.['Link'])
    .map((item) => asNode(item))
    .filter((item): item is XmlNode => item !== undefined)
    .map(mapLink)
    .find((link) => link?.rel === 'Next');
  const result = {
    pageNum: number(paging, 'PageNum') ?? 1,
    pageSize: number(paging, 'PageSize') ?? 0,
    pagesCount: number(paging, 'PagesCount') ?? 1,
  };
  return next ? { ...result, next: next.href } : result;
}
