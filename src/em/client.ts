import { AppError, ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { createAuthenticatedTransport, type AuthenticatedTransport } from './auth.js';
import { EmError } from './errors.js';
import { createHttpTransport, type HttpTransport, type HttpTransportOptions } from './http.js';
import { mapDocument, type EmDocument, type EmEntity } from './mappers/documents.js';
import { mapEnterpriseManager, mapPagingInfo } from './mappers/envelopes.js';
import { buildQueryPath, type QuerySpec } from './query.js';
import type { RetryPolicy } from './retry-policies.js';
import type { EmReference, EnterpriseManagerInfo, LogonSession, Session, TaskSession } from './types.js';
import { checkPaging } from './paging-guard.js';
import { mapXml, parseXml, type XmlDocument } from './xml.js';

export interface EmClientOptions {
  apiBase: string;
  username: string;
  password: string;
  timeoutMs: number;
  ca?: string;
  tlsInsecure?: boolean;
  retryPolicy: RetryPolicy;
  logger: Logger;
  /** EM_MAX_RESPONSE_BYTES: the largest body accepted (default 32 MB). */
  maxResponseBytes?: number;
  /** The most pages one query reads before it stops with an `em_paging` error (default 100). */
  maxPages?: number;
  /** The clock the logon backoff reads (milliseconds); tests step it. */
  now?: () => number;
  /** Told of every HTTP attempt (the transport's hook), for metrics. */
  onResponse?: HttpTransportOptions['onResponse'];
}

/** Pages one query may read by default: 100 pages of up to 1000 items is more than any command shows. */
export const DEFAULT_MAX_PAGES = 100;

/** One mapped page of a query, in the order EM sent it. */
export type QueryListPage = Extract<EmDocument, { kind: 'list' }> & {
  pageNum: number;
  pagesCount: number;
  next: string | undefined;
};

/** The EM operations the bot is built on; name-based look-ups live in lookups.ts on top of these. */
export interface EmClient {
  readonly apiBase: string;
  /** The unauthenticated API root (`GET /api/`). */
  root(): Promise<EnterpriseManagerInfo>;
  logon(): Promise<LogonSession>;
  /** Follows any Href EM returned (or a path under the API base) and maps what comes back. */
  get(href: string): Promise<EmDocument>;
  /** Like `get`, but the parsed XML itself, for mappers of entities `get` does not know (estate.ts). */
  getXml(href: string): Promise<XmlDocument>;
  /** POSTs to an action link EM wrote (`?action=start`) with an empty body; the parsed answer (a `Task`). */
  post(href: string): Promise<XmlDocument>;
  /** Pages through a query, following `Next` links verbatim, and stops once `limit` items have come. */
  pages(spec: QuerySpec, limit?: number): AsyncGenerator<QueryListPage>;
  /**
   * A fresh paging guard for one query read page by page elsewhere (raw estate queries): call it with each page's
   * target before fetching it; it throws `em_paging` on a revisited page or past the page budget.
   */
  pagingGuard(type: string): (target: string) => void;
  querySessions(spec: QuerySpec, limit: number): Promise<Session[]>;
  queryTaskSessions(spec: QuerySpec, limit: number): Promise<TaskSession[]>;
  queryReferences(spec: QuerySpec, limit: number): Promise<EmReference[]>;
  /** Logs off and releases sockets. */
  close(): Promise<void>;
  /** How many logons were made (tests assert re-logon sharing with it). */
  logonCount(): number;
  /** EM's clock as its last answer stated it (the `Date` header, ms), to read windows on EM's time. */
  lastServerDate(): number | undefined;
}

/** Builds a client over a real HTTP transport. */
export function createEmClient(options: EmClientOptions): EmClient {
  const transport = createHttpTransport(options);
  const auth = createAuthenticatedTransport({ ...options, transport });
  return createEmClientOver(options, transport, auth);
}

function createEmClientOver(
  options: EmClientOptions,
  transport: HttpTransport,
  auth: AuthenticatedTransport,
): EmClient {
  const { apiBase } = options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const fetchDocument = async (target: string) => parseXml((await auth.send({ method: 'GET', target })).body);

  async function* pages(spec: QuerySpec, limit = Number.POSITIVE_INFINITY): AsyncGenerator<QueryListPage> {
    let target: string | undefined = buildQueryPath(spec);
    let received = 0;
    const visited = new Set<string>();
    while (target !== undefined && received < limit) {
      checkPaging(visited, transport.resolve(target), { type: spec.type, maxPages, logger: options.logger });
      const document = await fetchDocument(target);
      const mapped = mapXml(document, mapDocument);
      if (mapped.kind !== 'list') throw unexpected(target, document.root);
      const paging = mapXml(document.node, mapPagingInfo);
      const count =
        mapped.sessions.length + mapped.tasks.length + mapped.references.length + mapped.entities.length;
      received += count;
      yield { ...mapped, pageNum: paging.pageNum, pagesCount: paging.pagesCount, next: paging.next };
      // Stop on a missing Next link, the last page, or an empty page (docs/em-protocol.md, "Paging").
      const last = paging.next === undefined || paging.pageNum >= paging.pagesCount || count === 0;
      target = last ? undefined : paging.next;
    }
  }

  async function collect<T>(
    spec: QuerySpec,
    limit: number,
    pick: (page: QueryListPage) => T[],
  ): Promise<T[]> {
    const items: T[] = [];
    for await (const page of pages(spec, limit)) items.push(...pick(page));
    return items.slice(0, limit);
  }

  return {
    apiBase,
    async root() {
      const response = await transport.send({ method: 'GET', target: '' });
      return mapXml(parseXml(response.body).node, mapEnterpriseManager);
    },
    logon: () => auth.logon(),
    async get(href) {
      const target = checkTarget(apiBase, href);
      try {
        return mapXml(await fetchDocument(target), mapDocument);
      } catch (error) {
        // Published ReplicaJobSession Down links say `repicaTaskSessions` (docs/em-protocol.md, "Whether misspelt replica task links resolve"): try the right spelling once.
        if (
          error instanceof EmError &&
          error.code === ErrorCode.EmNotFound &&
          /\/repicaTaskSessions/i.test(target)
        ) {
          return mapXml(
            await fetchDocument(target.replace(/\/repicaTaskSessions/i, '/replicaTaskSessions')),
            mapDocument,
          );
        }
        throw error;
      }
    },
    getXml: (href) => fetchDocument(checkTarget(apiBase, href)),
    pagingGuard(type) {
      const visited = new Set<string>();
      return (target) =>
        checkPaging(visited, transport.resolve(target), { type, maxPages, logger: options.logger });
    },
    async post(href) {
      const response = await auth.send({ method: 'POST', target: checkTarget(apiBase, href) });
      return parseXml(response.body);
    },
    pages,
    querySessions: (spec, limit) => collect(spec, limit, (page) => page.sessions),
    queryTaskSessions: (spec, limit) => collect(spec, limit, (page) => page.tasks),
    queryReferences: (spec, limit) =>
      collect(spec, limit, (page): EmReference[] => [...page.references, ...page.entities.map(stripFields)]),
    async close() {
      await auth.logoff();
      transport.close();
    },
    logonCount: () => auth.logonCount(),
    lastServerDate: () => transport.lastServerDate(),
  };
}

/**
 * Only Hrefs under the API base are followed: a user can paste an href into `/veeam session`, and it must
 * not make the bot fetch another path (or, via `..`, escape `/api/`) with its credentials.
 */
function checkTarget(apiBase: string, href: string): string {
  const basePath = new URL(apiBase).pathname.toLowerCase();
  let path: string;
  try {
    path = /^https?:\/\//i.test(href) ? new URL(href).pathname : new URL(href, apiBase).pathname;
  } catch {
    throw notAnEmLink(href);
  }
  if (!path.toLowerCase().startsWith(basePath) || /(^|\/)\.\.?(\/|$)|%2e%2e/i.test(href))
    throw notAnEmLink(href);
  return href;
}

function notAnEmLink(href: string): AppError {
  return new AppError(ErrorCode.CommandUsage, `not an Enterprise Manager API link: ${href.slice(0, 200)}`, {
    userMessage: 'That is not an Enterprise Manager API link (it must point under /api/)',
  });
}

function unexpected(target: string, root: string): EmError {
  return new EmError(
    ErrorCode.EmParse,
    `expected a QueryResult from ${target.split('?')[0]}, got <${root}>`,
    {
      request: `GET ${target.split('?')[0]}`,
    },
  );
}

function stripFields(entity: EmEntity): EmReference {
  const { fields: _fields, ...reference } = entity;
  return reference;
}
