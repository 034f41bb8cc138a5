import { KINDS } from '../../../src/simulator/model/enums.js';
import { LIVE_ROWS_KEPT_MS, LIVE_SESSIONS_KEPT } from '../../../src/simulator/scenario/live-engine.js';
import { World } from '../../../src/simulator/world.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ANCHOR = Date.UTC(2026, 0, 5, 12);

/** Sessions the store's end-time and running indexes hold, and task sessions it stores. */
function footprint(world: World): { indexed: number; tasks: number } {
  const store = world.store;
  let indexed = 0;
  for (const kind of KINDS) indexed += (store.byEnd[kind]?.size ?? 0) + (store.running[kind]?.size ?? 0);
  let tasks = 0;
  for (const list of store.storedTasks.values()) tasks += list.length;
  return { indexed, tasks };
}

/** Sessions of every kind that ended in [from, to). */
function endedIn(world: World, from: number, to: number): number {
  return KINDS.reduce<number>(
    (n, kind) => n + (world.store.byEnd[kind]?.count(from, false, to, true) ?? 0),
    0,
  );
}

function runFor(world: World, from: number, ms: number): number {
  let now = from;
  for (const end = from + ms; now < end; now += 1000) world.tick(now);
  return now;
}

describe('the live scenario over hours', () => {
  it('keeps its store bounded: old live sessions drop their tasks, then leave; CDP task sessions leave too', () => {
    const world = new World({ seed: 42, history: 0, live: true, anchor: ANCHOR });
    const owners = world.store.inventory.owners.length;
    let now = runFor(world, ANCHOR, 3 * HOUR);
    const after3h = footprint(world);
    now = runFor(world, now, 3 * HOUR);
    const after6h = footprint(world);

    // Rows stay for LIVE_ROWS_KEPT_MS after they ended, then go: past that, the store no longer grows.
    expect(after6h.indexed).toBeLessThanOrEqual(after3h.indexed * 1.2);
    const cutoff = now - LIVE_ROWS_KEPT_MS - 30 * MINUTE;
    const ended = world.store.cols.end;
    const bareAndOld = [...world.store.storedTasks].filter(
      ([id, tasks]) => tasks.length === 0 && (ended[id] as number) < cutoff,
    );
    expect(bareAndOld).toEqual([]);
    // Only the newest LIVE_SESSIONS_KEPT per job or plan keep their tasks (and so their VM points).
    const withTasks = [...world.store.storedTasks.values()].filter((tasks) => tasks.length > 0).length;
    expect(withTasks).toBeLessThanOrEqual(owners * (LIVE_SESSIONS_KEPT + 1));
    expect(after6h.tasks).toBeLessThanOrEqual(after3h.tasks * 1.2);
  });

  it('counts the same sessions in a past stretch of a 1-hour look-back later on (a poll sees no change there)', () => {
    const world = new World({ seed: 42, history: 0, live: true, anchor: ANCHOR });
    const owners = world.store.inventory.owners.length;
    const t = runFor(world, ANCHOR, 90 * MINUTE);
    const stretch = [t - HOUR, t - 10 * MINUTE] as const;
    const before = endedIn(world, ...stretch);
    runFor(world, t, 50 * MINUTE);

    expect(before).toBeGreaterThan(owners * LIVE_SESSIONS_KEPT);
    expect(endedIn(world, ...stretch)).toBe(before);
  });
});
