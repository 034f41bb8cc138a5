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

/** A way to find one exact name: a filter safe to send, and the exact test to apply to what EM returns. */
export interface NameLookup {
  /** Undefined when no safe filter narrows it (the name starts with a reserved character). */
  filter: Filter | undefined;
  /** Case-insensitive equality, as EM's `==` on text. */
  matches(value: string | undefined): boolean;
}

/**
 * Finds `name` in a text field without sending `; , ( )` (docs/em-protocol.md, "Names with reserved
 * characters"): a plain `==` for safe names; otherwise a range on the safe prefix before the first reserved
 * character (`Name>="Smith";Name<"Smiti"`), which holds every name starting with it, and the exact
 * comparison done here.
 */
export function nameLookup(field: string, name: string): NameLookup {
  const wanted = name.toLocaleLowerCase();
  const matches = (value: string | undefined) => value?.toLocaleLowerCase() === wanted;
  if (isSafeFilterText(name)) return { filter: where(field, '==', name), matches };
  const prefix = name.slice(0, name.search(UNSAFE_TEXT));
  if (prefix === '') return { filter: undefined, matches };
  const end = rangeEnd(prefix);
  const from = where(field, '>=', prefix);
  return { filter: end === undefined ? from : { and: [from, where(field, '<', end)] }, matches };
}

/**
 * The smallest text above every name starting with `prefix`: its last letter or digit stepped up (`h` to `i`),
 * dropping trailing characters that cannot step within their class (`z`, `9`, punctuation) whose sort place
 * differs between collations. Undefined when nothing can step (then only the lower bound is sent).
 */
function rangeEnd(prefix: string): string | undefined {
  for (let cut = prefix.length; cut > 0; cut -= 1) {
    const last = prefix[cut - 1] as string;
    if (/[a-yA-Y0-8]/.test(last))
      return prefix.slice(0, cut - 1) + String.fromCharCode(last.charCodeAt(0) + 1);
  }
  return undefined;
}

/** The largest page the bot requests: a page of 1000 entities stays a few MB. */
export const MAX_PAGE_SIZE = 1000;

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
  // However many items a caller wants, one page never asks for more than MAX_PAGE_SIZE.
  const pageSize = Math.min(spec.pageSize, MAX_PAGE_SIZE);
  params.push(['pageSize', String(pageSize)], ['page', String(spec.page ?? 1)]);
  return `query?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

function filterError(detail: string): AppError {
  return new AppError(ErrorCode.FilterValue, `cannot build the filter: ${detail}`);
}
