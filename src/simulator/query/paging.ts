import { decodeComponent } from '../http/query-string.js';
import type { Link, Res } from '../xml/resource.js';

/**
 * The request's raw query string with `page` (and a capped `pageSize`) replaced in place, or
 * `&pageSize=N&page=M` appended when absent (docs/em-protocol.md, "Paging", docs/em-protocol.md, "Paging"). Never re-encoded.
 */
export function pageQuery(raw: string, pageSize: number, page: number): string {
  let sawPage = false;
  let sawSize = false;
  const parts = raw
    .split('&')
    .filter((p) => p !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const name = decodeComponent(rawName).toLowerCase();
      if (name === 'page' && !sawPage) {
        sawPage = true;
        return `${rawName}=${page}`;
      }
      if (name === 'pagesize' && !sawSize) {
        sawSize = true;
        return `${rawName}=${pageSize}`;
      }
      return part;
    });
  if (!sawSize) parts.push(`pageSize=${pageSize}`);
  if (!sawPage) parts.push(`page=${page}`);
  return parts.join('&');
}

/** PagingInfo with First, Previous (not on page 1), Next (not on the last page) and Last links. */
export function pagingInfo(
  base: string,
  raw: string,
  pageNum: number,
  pageSize: number,
  pagesCount: number,
): Res {
  const href = (page: number): string => `${base}/query?${pageQuery(raw, pageSize, page)}`;
  const links: Link[] = [{ rel: 'First', href: href(1) }];
  if (pageNum > 1) links.push({ rel: 'Previous', href: href(Math.min(pageNum - 1, pagesCount)) });
  if (pageNum < pagesCount) links.push({ rel: 'Next', href: href(pageNum + 1) });
  links.push({ rel: 'Last', href: href(pagesCount) });
  return {
    tag: 'PagingInfo',
    attrs: [
      ['PageNum', pageNum],
      ['PageSize', pageSize],
      ['PagesCount', pagesCount],
    ],
    links,
    fields: [],
  };
}
