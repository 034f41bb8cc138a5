import type { AlertRecord, WatcherState } from '../watcher/state.js';

/** What changed in a state since the last snapshot: top-level fields and alert records, as JSON. */
export interface StateDiff {
  /** Changed or new top-level fields (all but `alerts`), by name. */
  fields: Record<string, unknown>;
  /** Top-level fields that are gone (an optional field unset). */
  removedFields: string[];
  added: AlertRecord[];
  changed: AlertRecord[];
  removedAlerts: string[];
}

/** The JSON text of every field and alert record last read or written, to write only what changed. */
export interface StateSnapshot {
  fields: Map<string, string>;
  alerts: Map<string, string>;
}

/** An empty snapshot (nothing read yet: everything is new). */
export function emptySnapshot(): StateSnapshot {
  return { fields: new Map(), alerts: new Map() };
}

/** The snapshot of a state as it is now. */
export function snapshotOf(state: WatcherState): StateSnapshot {
  const snapshot = emptySnapshot();
  for (const [name, value] of fieldsOf(state)) snapshot.fields.set(name, JSON.stringify(value));
  for (const [key, record] of Object.entries(state.alerts)) snapshot.alerts.set(key, JSON.stringify(record));
  return snapshot;
}

/** Compares `state` with `before`; pure. Fields a replica did not change are not in the diff, so not written. */
export function diffState(before: StateSnapshot, state: WatcherState): StateDiff {
  const diff: StateDiff = { fields: {}, removedFields: [], added: [], changed: [], removedAlerts: [] };
  const present = new Set<string>();
  for (const [name, value] of fieldsOf(state)) {
    present.add(name);
    if (before.fields.get(name) !== JSON.stringify(value)) diff.fields[name] = value;
  }
  for (const name of before.fields.keys()) if (!present.has(name)) diff.removedFields.push(name);
  for (const [key, record] of Object.entries(state.alerts)) {
    const was = before.alerts.get(key);
    if (was === undefined) diff.added.push(record);
    else if (was !== JSON.stringify(record)) diff.changed.push(record);
  }
  for (const key of before.alerts.keys()) if (!(key in state.alerts)) diff.removedAlerts.push(key);
  return diff;
}

/** True when there is nothing to write. */
export function isEmptyDiff(diff: StateDiff): boolean {
  return (
    Object.keys(diff.fields).length === 0 &&
    diff.removedFields.length === 0 &&
    diff.added.length === 0 &&
    diff.changed.length === 0 &&
    diff.removedAlerts.length === 0
  );
}

function fieldsOf(state: WatcherState): [string, unknown][] {
  return Object.entries(state).filter(([name, value]) => name !== 'alerts' && value !== undefined);
}
