import { Kind } from '../model/enums.js';
import { hasReplicaPoints, hasRestorePoint, SLOT } from '../store/points.js';
import type { SortedIndex } from '../store/sorted-index.js';
import type { Store } from '../store/store.js';
import { ownerOfBackupGuid } from '../xml/serialize-estate.js';
import type { CompiledTerm } from './evaluate.js';
import type { Candidates } from './planner.js';

interface Option {
  count: number;
  take: () => number[];
}

const guidOf = (value: string | number): string => {
  const text = String(value);
  return text.slice(text.lastIndexOf(':') + 1);
};

function ownersOption(store: Store, owners: number[]): Option {
  const lists = owners.map((i) => store.byOwner(i));
  return { count: lists.reduce((n, l) => n + l.size, 0), take: () => lists.flatMap((l) => l.ids) };
}

function rangeOption(
  index: SortedIndex | undefined,
  lo: number,
  loS: boolean,
  hi: number,
  hiS: boolean,
): Option {
  if (!index) return { count: 0, take: () => [] };
  return { count: index.count(lo, loS, hi, hiS), take: () => index.range(lo, loS, hi, hiS) };
}

function dateOptions(store: Store, kind: Kind, op: string, v: number, exact: boolean): Option[] {
  const byEnd = store.byEnd[kind];
  // A run's VM points are created between its start and its end; a RestorePoint is created at the end.
  const upper = exact ? byEnd : store.byCreation[kind];
  if (op === '>=' || op === '>') return [rangeOption(byEnd, v, op === '>' && exact, Infinity, false)];
  if (op === '<=' || op === '<') return [rangeOption(upper, -Infinity, false, v, op === '<' && exact)];
  if (op === '==')
    return [rangeOption(byEnd, v, false, Infinity, false), rangeOption(upper, -Infinity, false, v, false)];
  return [];
}

function termOption(store: Store, kind: Kind, term: CompiledTerm<unknown>, exact: boolean): Option[] {
  const name = term.field.name.toLowerCase();
  const { op, operand } = term;
  if (term.field.kind === 'date' && name === 'creationtime')
    return dateOptions(store, kind, op, operand as number, exact);
  if (op !== '==') return [];
  const inv = store.inventory;
  if (name === 'backupuid' || name === 'replicauid') {
    const owner = ownerOfBackupGuid(inv, guidOf(operand), kind);
    return [ownersOption(store, owner ? [owner.index] : [])];
  }
  if (name === 'backupname' || name === 'replicaname') {
    const owner = inv.ownerNamed('Job', String(operand));
    return [ownersOption(store, owner?.kind === kind ? [owner.index] : [])];
  }
  if (name === 'uid' || name === 'restorepointuid') {
    const found = store.decode(guidOf(operand));
    const ok = found !== undefined && found.slot >= SLOT.cloudReplicaPoint && store.kindOf(found.id) === kind;
    return [{ count: ok ? 1 : 0, take: () => (ok && found ? [found.id] : []) }];
  }
  if (name === 'vmdisplayname') {
    const vm = inv.vmNamed(String(operand));
    const owners = vm ? inv.ownersWithVm(vm.index).filter((i) => inv.owners[i]?.kind === kind) : [];
    const base = ownersOption(store, owners);
    const extra = [...(store.storedTaskVms.get(String(operand)) ?? [])].filter(
      (id) => store.kindOf(id) === kind,
    );
    return [{ count: base.count + extra.length, take: () => [...new Set([...base.take(), ...extra])] }];
  }
  return [];
}

/**
 * Candidate runs for a RestorePoint (`exact`: CreationTime is the run's end) or VM point query from its
 * top-level AND-ed terms: CreationTime ranges come from the sorted end and creation indexes, names and
 * UIDs from the per-job index, so "points created since T" costs O(log n + matches).
 */
export function planPointRuns(
  store: Store,
  kind: Kind,
  terms: CompiledTerm<unknown>[],
  exact: boolean,
): Candidates {
  let chosen: Option | undefined;
  for (const term of terms)
    for (const o of termOption(store, kind, term, exact)) if (!chosen || o.count < chosen.count) chosen = o;
  const ids = chosen ? chosen.take() : (store.byEnd[kind]?.ids.slice() ?? []);
  const has = kind === Kind.Backup ? hasRestorePoint : hasReplicaPoints;
  return { ids: ids.filter((id) => has(store, id)), order: 'none' };
}
