import { AppError, ErrorCode } from '../shared/errors.js';

/** The comparison operators of EM's filter grammar (docs/em-protocol.md, "Query filters"). */
export type FilterOperator = '==' | '!=' | '<' | '>' | '<=' | '>=';

/** An enum value, written bare (`Result==Failed`); only letters are allowed. */
export interface EnumValue {
  enum: string;
}

/** A value to compare with: text is always quoted, dates are quoted ISO UTC, the rest bare. */
export type FilterValue = string | number | boolean | Date | EnumValue;

export interface FilterCondition {
  field: string;
  op: FilterOperator;
  value: FilterValue;
}

/** A structured filter: a condition, or AND/OR groups of filters. */
export type Filter = FilterCondition | { and: Filter[] } | { or: Filter[] };

/** One query-service request (`GET query?...`). */
export interface QuerySpec {
  type: string;
  format?: 'Entities' | 'References';
  filter?: Filter;
  sortAsc?: string;
  sortDesc?: string;
  pageSize: number;
  page?: number;
}

/** Shorthand for a condition. */
export function where(field: string, op: FilterOperator, value: FilterValue): FilterCondition {
  return { field, op, value };
}

/** Shorthand for an enum value. */
export function enumValue(value: string): EnumValue {
  return { enum: value };
}

const FIELD = /^[A-Za-z][A-Za-z0-9]*$/;
const ENUM = /^[A-Za-z]+$/;
/**
 * Characters EM may treat as grammar even inside quotes: its docs only say how to quote spaces and `"`
 * (docs/em-protocol.md, "Reserved characters in quoted values"), so text containing these is refused rather than risk a changed filter. Control characters too.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[;,()\u0000-\u001f\u007f]/;

/** Renders a structured filter in EM's syntax. User text can only ever become one quoted value. */
export function buildFilter(filter: Filter): string {
  if ('and' in filter) return group(filter.and, ';');
  if ('or' in filter) return group(filter.or, ',');
  if (!FIELD.test(filter.field)) throw filterError(`"${filter.field}" is not a field name`);
  return `${filter.field}${filter.op}${renderValue(filter.value)}`;
}

function group(parts: Filter[], separator: ';' | ','): string {
  if (parts.length === 0) throw filterError('an empty AND/OR group');
  const rendered = parts.map((part) => {
    const text = buildFilter(part);
    return 'field' in part || parts.length === 1 ? text : `(${text})`;
  });
  return rendered.length === 1 ? (rendered[0] as string) : rendered.join(separator);
}

/** Renders one value; throws a `filter_value` AppError for text that cannot be sent safely. */
export function renderValue(value: FilterValue): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw filterError('an invalid date');
    return `"${value.toISOString()}"`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw filterError('a number that is not finite');
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if (!ENUM.test(value.enum)) throw filterError(`"${value.enum}" is not an enum value`);
    return value.enum;
  }
  return quoteText(value);
}

/** True when the text can be used as a filter value (see UNSAFE_TEXT). */
export function isSafeFilterText(text: string): boolean {
  return !UNSAFE_TEXT.test(text);
}

function quoteText(text: string): string {
  if (!isSafeFilterText(text)) {
    throw new AppError(ErrorCode.FilterValue, `unsafe filter value ${JSON.stringify(text)}`, {
      userMessage:
        'Names containing ; , ( ) or control characters cannot be searched in Enterprise Manager safely',
    });
  }
  return `"${text.replace(/"/g, '""')}"`;
}

/** Builds the relative URL of a query (`query?type=...`), percent-encoding every value. */
export function buildQueryPath(spec: QuerySpec): string {
  if (!Number.isInteger(spec.pageSize) || spec.pageSize < 1)
    throw filterError('pageSize must be a positive integer');
  const params: Array<[string, string]> = [
    ['type', spec.type],
    ['format', spec.format ?? 'Entities'],
  ];
  if (spec.filter) params.push(['filter', buildFilter(spec.filter)]);
  if (spec.sortAsc) params.push(['sortAsc', spec.sortAsc]);
  if (spec.sortDesc) params.push(['sortDesc', spec.sortDesc]);
  params.push(['pageSize', String(spec.pageSize)], ['page', String(spec.page ?? 1)]);
  return `query?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

function filterError(detail: string): AppError {
  return new AppError(ErrorCode.FilterValue, `cannot build the filter: ${detail}`);
}
