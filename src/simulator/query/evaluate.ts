import { ordinalOf } from '../model/enums.js';
import { parseEmDate } from '../util/dates.js';
import type { FieldDef, FieldEnv, FieldMap } from './fields.js';
import type { Comparator, FilterNode } from './parse-filter.js';
import { QueryError } from './query-error.js';

/** A compiled filter term with its field and parsed operand, reused by the planner. */
export interface CompiledTerm<R> {
  field: FieldDef<R>;
  op: Comparator;
  /** Dates as ms, enums as ordinals, bools 0/1, numbers; strings and UIDs lower-cased. */
  operand: string | number;
}

export type Predicate<R> = (env: FieldEnv, rec: R) => boolean;

/** The field definition for a filter or sort name, case-insensitively; 400 when unknown. */
export function lookupField<R>(fields: FieldMap<R>, name: string): FieldDef<R> {
  const field = fields.get(name.toLowerCase());
  if (!field) throw new QueryError(`Unknown field '${name}'.`);
  return field;
}

function parseOperand<R>(field: FieldDef<R>, raw: string): string | number {
  switch (field.kind) {
    case 'date': {
      const ms = parseEmDate(raw);
      if (ms === undefined) throw new QueryError(`Invalid date '${raw}' for ${field.name}.`);
      return ms;
    }
    case 'enum': {
      const ordinal = ordinalOf(field.values ?? [], raw);
      if (ordinal < 0) throw new QueryError(`Invalid value '${raw}' for ${field.name}.`);
      return ordinal;
    }
    case 'number': {
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n))
        throw new QueryError(`Invalid number '${raw}' for ${field.name}.`);
      return n;
    }
    case 'bool': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false')
        throw new QueryError(`Invalid boolean '${raw}' for ${field.name}.`);
      return lower === 'true' ? 1 : 0;
    }
    default:
      return raw.toLowerCase();
  }
}

/** Compiles one `field op value` term; unknown field or bad value -> QueryError (400). */
export function compileTerm<R>(
  fields: FieldMap<R>,
  node: Extract<FilterNode, { kind: 'cmp' }>,
): CompiledTerm<R> {
  const field = lookupField(fields, node.field);
  return { field, op: node.op, operand: parseOperand(field, node.value) };
}

function compare(op: Comparator, a: string | number, b: string | number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}

function termPredicate<R>(term: CompiledTerm<R>): Predicate<R> {
  const { field, op, operand } = term;
  if (field.kind === 'uid') {
    // Both the URN and the bare GUID are accepted (docs/em-protocol.md, "UID filter values").
    const bare = typeof operand === 'string' && !operand.startsWith('urn:');
    return (env, rec) => {
      const value = field.get(env, rec);
      if (value === undefined) return false;
      const lower = String(value).toLowerCase();
      return compare(op, bare ? lower.slice(lower.lastIndexOf(':') + 1) : lower, operand);
    };
  }
  if (field.kind === 'string') {
    // String == is case-insensitive, like SQL Server's default collation (docs/em-protocol.md, "Case of string comparisons").
    return (env, rec) => {
      const value = field.get(env, rec);
      return value !== undefined && compare(op, String(value).toLowerCase(), operand);
    };
  }
  // Sessions without an end time match no EndTime comparison, not even != (docs/em-protocol.md, "Sessions without an end time in comparisons").
  return (env, rec) => {
    const value = field.get(env, rec);
    return value !== undefined && compare(op, value, operand);
  };
}

/** Compiles a parsed filter into a predicate; every term is validated up front. */
export function compileFilter<R>(fields: FieldMap<R>, node: FilterNode): Predicate<R> {
  if (node.kind === 'cmp') return termPredicate(compileTerm(fields, node));
  const parts = node.items.map((item) => compileFilter(fields, item));
  if (node.kind === 'and') return (env, rec) => parts.every((p) => p(env, rec));
  return (env, rec) => parts.some((p) => p(env, rec));
}

/** The top-level AND-ed terms of a filter (what the planner may use to narrow candidates). */
export function topLevelTerms<R>(fields: FieldMap<R>, node: FilterNode | undefined): CompiledTerm<R>[] {
  if (!node) return [];
  if (node.kind === 'cmp') return [compileTerm(fields, node)];
  if (node.kind === 'or') return node.items.length === 1 ? topLevelTerms(fields, node.items[0]) : [];
  return node.items.flatMap((item) => topLevelTerms(fields, item));
}

/** A top-level OR of `==` on one field (`(A==1,A==2)`): the planner may take the union of its look-ups. */
export interface CompiledAnyOf<R> {
  field: FieldDef<R>;
  operands: Array<string | number>;
}

/**
 * The top-level OR groups of a filter whose every branch is `field==value` on the same field: the filter itself
 * when it is such a group, or such groups AND-ed at its top level (what a batched look-up by parent UIDs sends).
 */
export function topLevelAnyOf<R>(fields: FieldMap<R>, node: FilterNode | undefined): CompiledAnyOf<R>[] {
  if (!node || node.kind === 'cmp') return [];
  if (node.kind === 'or') return anyOfGroup(fields, node.items);
  return node.items.flatMap((item) => (item.kind === 'or' ? anyOfGroup(fields, item.items) : []));
}

function anyOfGroup<R>(fields: FieldMap<R>, items: FilterNode[]): CompiledAnyOf<R>[] {
  const terms: CompiledTerm<R>[] = [];
  for (const item of items) {
    if (item.kind !== 'cmp' || item.op !== '==') return [];
    terms.push(compileTerm(fields, item));
  }
  const field = terms[0]?.field;
  if (!field || terms.some((term) => term.field !== field)) return [];
  return [{ field, operands: terms.map((term) => term.operand) }];
}
