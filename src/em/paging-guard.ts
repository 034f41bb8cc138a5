import { ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { EmError } from './errors.js';

/** What bounds one query's paging: its type (for the log line), the page budget and where to log. */
export interface PagingLimits {
  type: string;
  maxPages: number;
  logger: Logger;
}

/**
 * Records the next page's URL, or stops the query with an `em_paging` error and a log line when EM's `Next`
 * link points at a page already read (itself, or a cycle) or the page budget is spent: a hostile or broken EM
 * must not keep the bot querying forever (docs/em-protocol.md, "Limits the client enforces").
 */
export function checkPaging(visited: Set<string>, url: string, limits: PagingLimits): void {
  const request = `GET ${url.split('?')[0] ?? url}`;
  let reason: string | undefined;
  if (visited.has(url)) reason = 'a Next link points at a page already read';
  else if (visited.size >= limits.maxPages) reason = `more than ${limits.maxPages} pages`;
  if (reason === undefined) {
    visited.add(url);
    return;
  }
  limits.logger.warn({ type: limits.type, pagesRead: visited.size, reason }, 'EM paging stopped');
  throw new EmError(ErrorCode.EmPaging, `the ${limits.type} query stopped: ${reason}`, { request });
}
