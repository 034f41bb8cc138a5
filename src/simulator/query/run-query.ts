import { parseQueryString } from '../http/query-string.js';
import type { RenderContext } from '../xml/context.js';
import { listRes, type Res } from '../xml/resource.js';
import { pagingInfo } from './paging.js';
import { FilterSyntaxError, parseFilter, type FilterNode } from './parse-filter.js';
import { QueryError } from './query-error.js';
import { QUERY_TYPES } from './query-types.js';
import type { SortSpec } from './match-set.js';

/** Page size when the request has none (every capture shows 100, docs/em-protocol.md, "Default and maximum page size"). */
export const DEFAULT_PAGE_SIZE = 100;
/** Larger page sizes are cut to this (EM documents no maximum; our choice, docs/em-protocol.md, "Default and maximum page size"). */
export const MAX_PAGE_SIZE = 1000;

function positiveInt(params: Map<string, string>, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new QueryError(`Invalid ${name} '${raw}'.`);
  return Number(raw);
}

function parseSort(params: Map<string, string>): SortSpec | undefined {
  const asc = params.get('sortasc');
  const desc = params.get('sortdesc');
  if (asc !== undefined && desc !== undefined)
    throw new QueryError('Use either sortAsc or sortDesc, not both.');
  const field = desc ?? asc;
  if (field === undefined) return undefined;
  if (field.trim() === '') throw new QueryError('Empty sort field.');
  return { field: field.trim(), desc: desc !== undefined };
}

function parseFilterParam(params: Map<string, string>): FilterNode | undefined {
  const text = params.get('filter');
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new QueryError(error.message);
    throw error;
  }
}

/** `GET /api/query?...` -> a QueryResult; QueryError (400) for anything malformed. */
export function runQuery(ctx: RenderContext, rawQuery: string): { res: Res; type: string } {
  const params = parseQueryString(rawQuery);
  const typeName = params.get('type');
  if (!typeName) throw new QueryError('The type parameter is required.');
  const type = QUERY_TYPES.get(typeName.toLowerCase());
  if (!type) throw new QueryError(`Unknown query type '${typeName}'.`);
  const format = (params.get('format') ?? 'References').toLowerCase();
  if (format !== 'references' && format !== 'entities')
    throw new QueryError(`Unknown format '${params.get('format')}'.`);
  const pageSize = Math.min(MAX_PAGE_SIZE, positiveInt(params, 'pagesize', DEFAULT_PAGE_SIZE));
  const page = positiveInt(params, 'page', 1);
  const matches = type.run({ store: ctx.store, now: ctx.now }, parseFilterParam(params), parseSort(params));
  const pagesCount = Math.max(1, Math.ceil(matches.total / pageSize));
  const entities = format === 'entities';
  const items = matches.render(ctx, entities, (page - 1) * pageSize, page * pageSize);
  const body: Res = type.resources
    ? { tag: 'Resources', attrs: [], fields: [[type.plural, listRes(type.plural, items)]] }
    : entities
      ? { tag: 'Entities', attrs: [], fields: [[type.plural, listRes(type.plural, items)]] }
      : listRes('Refs', items);
  const res: Res = {
    tag: 'QueryResult',
    attrs: [],
    fields: [
      [body.tag, body],
      ['PagingInfo', pagingInfo(ctx.base, rawQuery, page, pageSize, pagesCount)],
    ],
  };
  return { res, type: type.name };
}
