import fc from 'fast-check';
import { assignInPlace, mergeJson } from '../../../src/store/merge-json.js';

describe('mergeJson (a field two replicas changed)', () => {
  it('keeps a follower’s claim on one incident and the leader’s new incident', () => {
    const base = { a: { ts: '1', retries: [] } };
    const ours = { a: { ts: '1', retries: [] }, b: { ts: '2', retries: [] } };
    const theirs = { a: { ts: '1', retries: [], claim: { user: 'U1', at: 5 } } };
    expect(mergeJson(base, ours, theirs)).toEqual({
      a: { ts: '1', retries: [], claim: { user: 'U1', at: 5 } },
      b: { ts: '2', retries: [] },
    });
  });

  it('merges two changes to different properties of the same record', () => {
    const base = { a: { ts: '1', count: 1 } };
    expect(mergeJson(base, { a: { ts: '1', count: 2 } }, { a: { ts: '1', count: 1, claim: 'U1' } })).toEqual({
      a: { ts: '1', count: 2, claim: 'U1' },
    });
  });

  it('keeps a deletion on one side when the other left the record alone', () => {
    const base = { a: { x: 1 }, b: { x: 2 } };
    expect(mergeJson(base, { b: { x: 2 } }, { a: { x: 1 }, b: { x: 2 }, c: { x: 3 } })).toEqual({
      b: { x: 2 },
      c: { x: 3 },
    });
  });

  it('merges arrays as sets: a mute one side added, one the other removed', () => {
    const old = { job: 'old', until: 1 };
    const kept = { job: 'kept', until: 9 };
    const added = { job: 'new', until: 9 };
    expect(mergeJson([old, kept], [kept], [old, kept, added])).toEqual([kept, added]);
  });

  it('lets ours win where both changed the same value, and ignores key order and undefined keys', () => {
    expect(mergeJson({ n: 1 }, { n: 2 }, { n: 3 })).toEqual({ n: 2 });
    expect(mergeJson({ a: 1, b: 2 }, { a: 1, b: 2, c: undefined }, { b: 2, a: 1 })).toEqual({ a: 1, b: 2 });
  });

  it('never loses a key only one side added (property)', () => {
    const record = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer(), { maxKeys: 6 });
    fc.assert(
      fc.property(record, record, record, (base, oursAdded, theirsAdded) => {
        const ours = { ...base, ...prefixed('o', oursAdded) };
        const theirs = { ...base, ...prefixed('t', theirsAdded) };
        expect(mergeJson(base, ours, theirs)).toEqual({ ...ours, ...theirs });
      }),
      { numRuns: 300 },
    );
  });
});

describe('assignInPlace', () => {
  it('keeps the identity of records code still holds while taking the merged content', () => {
    const incident = { ts: '1' };
    const list = [1];
    const state = { incidents: { a: incident, gone: { ts: '0' } }, list };
    const merged = { incidents: { a: { ts: '1', claim: 'U1' }, b: { ts: '2' } }, list: [1, 2] };
    expect(assignInPlace(state, merged)).toBe(state);
    expect(state.incidents.a).toBe(incident);
    expect(state.list).toBe(list);
    expect(state).toEqual(merged);
  });
});

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}:${k}`, v]));
}
