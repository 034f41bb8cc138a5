import type { FieldDef, FieldEnv, FieldMap } from './fields.js';
import {
  compileFilter,
  lookupField,
  topLevelAnyOf,
  topLevelTerms,
  type CompiledAnyOf,
  type CompiledTerm,
} from './evaluate.js';
import type { FilterNode } from './parse-filter.js';
import type { Candidates } from './planner.js';

/** `sortAsc`/`sortDesc` of a query. */
export interface SortSpec {
  field: string;
  desc: boolean;
}

/** How to find, filter and order the records of one query type. */
export interface Collector<R> {
  fields: FieldMap<R>;
  /**
   * Candidate records from the narrowest index; `order` names the date field they are sorted by. `anyOf` holds
   * the top-level ORs of `==` on one field, which a planner may answer as a union of look-ups.
   */
  candidates(
    env: FieldEnv,
    terms: CompiledTerm<R>[],
    anyOf: CompiledAnyOf<R>[],
  ): { recs: R[]; order: Candidates['order'] };
}

function sortRecs<R>(env: FieldEnv, recs: R[], field: FieldDef<R>, desc: boolean): R[] {
  const keys = recs.map((r) => {
    const v = field.get(env, r);
    return typeof v === 'string' ? v.toLowerCase() : v;
  });
  const order = recs.map((_r, i) => i);
  // Missing values (no end time) sort lowest, as SQL Server sorts NULL.
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    let c = 0;
    if (ka === undefined || kb === undefined) c = ka === kb ? 0 : ka === undefined ? -1 : 1;
    else c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return (desc ? -c : c) || a - b;
  });
  return order.map((i) => recs[i] as R);
}

/** Runs filter and sort for one type: candidates from the planner, full predicate, then ordering. */
export function collect<R>(
  env: FieldEnv,
  c: Collector<R>,
  filter: FilterNode | undefined,
  sort: SortSpec | undefined,
): R[] {
  const predicate = filter ? compileFilter(c.fields, filter) : undefined;
  const sortField = sort ? lookupField(c.fields, sort.field) : undefined;
  const { recs, order } = c.candidates(env, topLevelTerms(c.fields, filter), topLevelAnyOf(c.fields, filter));
  const matched = predicate ? recs.filter((r) => predicate(env, r)) : recs;
  if (!sortField || !sort) return matched;
  const name = sortField.name.toLowerCase();
  const presorted =
    (order === 'creation' && name.startsWith('creationtime')) ||
    (order === 'end' && name.startsWith('endtime'));
  if (presorted) return sort.desc ? matched.reverse() : matched;
  return sortRecs(env, matched, sortField, sort.desc);
}
