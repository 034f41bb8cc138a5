import type { Kind } from '../model/enums.js';
import type { Store } from '../store/store.js';
import type { CompiledAnyOf, CompiledTerm } from './evaluate.js';
import type { TaskRec } from './fields.js';

/** Candidate session ids for a query, and the order they come in (lets sorting be skipped). */
export interface Candidates {
  ids: number[];
  order: 'creation' | 'end' | 'none';
}

interface Option {
  count: number;
  take: () => Candidates;
}

const guidOf = (value: string | number): string => {
  const text = String(value);
  return text.slice(text.lastIndexOf(':') + 1);
};

function ownerOption(store: Store, kind: Kind, ownerIndexes: number[]): Option {
  const owners = ownerIndexes.filter((i) => store.inventory.owners[i]?.kind === kind);
  const lists = owners.map((i) => store.byOwner(i));
  const count = lists.reduce((n, l) => n + l.size, 0);
  return {
    count,
    take: () =>
      lists.length === 1
        ? { ids: lists[0]?.ids.slice() ?? [], order: 'creation' }
        : { ids: lists.flatMap((l) => l.ids), order: 'none' },
  };
}

function ownersByName(store: Store, name: string): number[] {
  return store.inventory.ownersNamed(name).map((o) => o.index);
}

function single(store: Store, kind: Kind, id: number): Option {
  const ok = id >= 0 && store.kindOf(id) === kind;
  return { count: ok ? 1 : 0, take: () => ({ ids: ok ? [id] : [], order: 'creation' }) };
}

function rangeOption(
  store: Store,
  kind: Kind,
  by: 'creation' | 'end',
  lo: number,
  loStrict: boolean,
  hi: number,
  hiStrict: boolean,
): Option {
  const index = by === 'creation' ? store.byCreation[kind] : store.byEnd[kind];
  if (!index) return { count: 0, take: () => ({ ids: [], order: 'none' }) };
  return {
    count: index.count(lo, loStrict, hi, hiStrict),
    take: () => ({ ids: index.range(lo, loStrict, hi, hiStrict), order: by }),
  };
}

function bounds(op: string, v: number): [number, boolean, number, boolean] | undefined {
  if (op === '>=') return [v, false, Infinity, false];
  if (op === '>') return [v, true, Infinity, false];
  if (op === '<=') return [-Infinity, false, v, false];
  if (op === '<') return [-Infinity, false, v, true];
  if (op === '==') return [v, false, v, false];
  return undefined;
}

function withRunning(store: Store, kind: Kind, option: Option): Option {
  const running = store.running[kind] ?? new Set<number>();
  return {
    count: option.count + running.size,
    take: () => ({ ids: [...option.take().ids, ...running], order: 'none' }),
  };
}

function resultOption(store: Store, kind: Kind, op: string, v: number): Option | undefined {
  const lists = (store.byResult[kind] ?? []).filter((_l, r) =>
    op === '=='
      ? r === v
      : op === '>='
        ? r >= v
        : op === '>'
          ? r > v
          : op === '<='
            ? r <= v
            : op === '<'
              ? r < v
              : r !== v,
  );
  return {
    count: lists.reduce((n, l) => n + l.size, 0),
    take: () =>
      lists.length === 1
        ? { ids: lists[0]?.ids.slice() ?? [], order: 'creation' }
        : { ids: lists.flatMap((l) => l.ids), order: 'none' },
  };
}

function best(store: Store, kind: Kind, options: Option[]): Candidates {
  let chosen: Option | undefined;
  for (const o of options) if (!chosen || o.count < chosen.count) chosen = o;
  if (chosen) return chosen.take();
  return { ids: store.byCreation[kind]?.ids.slice() ?? [], order: 'creation' };
}

/**
 * Picks the narrowest index for a session query from its top-level AND-ed terms; the full filter is
 * still evaluated on every candidate, so the planner only has to over-approximate.
 */
export function planSessions(store: Store, kind: Kind, terms: CompiledTerm<number>[]): Candidates {
  const options: Option[] = [];
  for (const { field, op, operand } of terms) {
    const name = field.name.toLowerCase();
    if (op === '==' && (name === 'jobname' || name === 'policyname'))
      options.push(ownerOption(store, kind, ownersByName(store, String(operand))));
    else if (op === '==' && (name === 'jobuid' || name === 'policyuid')) {
      const owner = store.inventory.ownerByGuid(guidOf(operand));
      options.push(ownerOption(store, kind, owner ? [owner.index] : []));
    } else if (op === '==' && name === 'name') {
      const text = String(operand);
      const at = text.lastIndexOf('@');
      options.push(ownerOption(store, kind, ownersByName(store, at >= 0 ? text.slice(0, at) : text)));
    } else if (op === '==' && (name === 'uid' || name === 'id'))
      options.push(single(store, kind, store.findSession(guidOf(operand))));
    else if (field.kind === 'date' && (name.startsWith('creationtime') || name.startsWith('endtime'))) {
      const b = bounds(op, operand as number);
      if (b) options.push(rangeOption(store, kind, name.startsWith('creation') ? 'creation' : 'end', ...b));
    } else if (name === 'result') {
      const o = resultOption(store, kind, op, operand as number);
      if (o) options.push(o);
    } else if (name === 'state' && ((op === '==' && operand !== 5) || (op === '!=' && operand === 5))) {
      const running = store.running[kind] ?? new Set<number>();
      options.push({ count: running.size, take: () => ({ ids: [...running], order: 'none' }) });
    }
  }
  return best(store, kind, options);
}

/** The sessions named by an OR of parent UIDs (`JobSessionUid=="a",JobSessionUid=="b"`), each found by its GUID. */
function parentsOption(store: Store, kind: Kind, uids: Array<string | number>): Option {
  const ids = [...new Set(uids.map((uid) => store.findSession(guidOf(uid))))].filter(
    (id) => id >= 0 && store.kindOf(id) === kind,
  );
  return { count: ids.length, take: () => ({ ids: ids.slice(), order: 'none' }) };
}

/**
 * Candidate parent sessions for a task-session query (tasks lie within their session's span). An OR of parent
 * UIDs is answered from the session look-up, as EM answers it from its parent key, not by scanning every task.
 */
export function planTaskSessions(
  store: Store,
  kind: Kind,
  terms: CompiledTerm<TaskRec>[],
  anyOf: CompiledAnyOf<TaskRec>[] = [],
): Candidates {
  const options: Option[] = [];
  for (const { field, operands } of anyOf) {
    const name = field.name.toLowerCase();
    if (name === 'jobsessionuid' || name === 'policysessionuid')
      options.push(parentsOption(store, kind, operands));
  }
  for (const { field, op, operand } of terms) {
    const name = field.name.toLowerCase();
    if (op === '==' && name === 'jobname')
      options.push(ownerOption(store, kind, ownersByName(store, String(operand))));
    else if (op === '==' && name === 'jobuid') {
      const owner = store.inventory.ownerByGuid(guidOf(operand));
      options.push(ownerOption(store, kind, owner ? [owner.index] : []));
    } else if (op === '==' && name === 'policysessionname') {
      const text = String(operand);
      options.push(
        ownerOption(store, kind, ownersByName(store, text.slice(0, Math.max(0, text.lastIndexOf('@'))))),
      );
    } else if (op === '==' && (name === 'jobsessionuid' || name === 'policysessionuid')) {
      options.push(single(store, kind, store.findSession(guidOf(operand))));
    } else if (op === '==' && (name === 'uid' || name === 'id'))
      options.push(single(store, kind, store.sessionOfGuid(guidOf(operand))));
    else if (op === '==' && name === 'vmdisplayname') {
      const vm = store.inventory.vmNamed(String(operand));
      const base = ownerOption(store, kind, vm ? store.inventory.ownersWithVm(vm.index) : []);
      const extra = [...(store.storedTaskVms.get(String(operand)) ?? [])].filter(
        (id) => store.kindOf(id) === kind,
      );
      options.push({
        count: base.count + extra.length,
        take: () => ({ ids: [...new Set([...base.take().ids, ...extra])], order: 'none' }),
      });
    } else if (field.kind === 'date') {
      const b = bounds(op, operand as number);
      if (!b) continue;
      if (b[2] !== Infinity) options.push(rangeOption(store, kind, 'creation', -Infinity, false, b[2], b[3]));
      if (b[0] !== -Infinity)
        options.push(withRunning(store, kind, rangeOption(store, kind, 'end', b[0], b[1], Infinity, false)));
    }
  }
  return best(store, kind, options);
}

/** The VM name of a top-level `VmDisplayName==` term (lower-cased), so candidates build only that VM's tasks. */
export function vmNameTerm<R>(terms: ReadonlyArray<CompiledTerm<R>>): string | undefined {
  const term = terms.find((t) => t.op === '==' && t.field.name.toLowerCase() === 'vmdisplayname');
  return term === undefined ? undefined : String(term.operand);
}
