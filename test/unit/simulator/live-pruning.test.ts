import { KINDS } from '../../../src/simulator/model/enums.js';
import { CDP_TASKS_KEPT, LIVE_SESSIONS_KEPT } from '../../../src/simulator/scenario/live-engine.js';
import { World } from '../../../src/simulator/world.js';

const HOUR = 3_600_000;
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

function runFor(world: World, from: number, ms: number): number {
  let now = from;
  for (const end = from + ms; now < end; now += 1000) world.tick(now);
  return now;
}

describe('the live scenario over hours', () => {
  it('keeps its store bounded: old live sessions and old CDP task sessions are retired', () => {
    const world = new World({ seed: 42, history: 0, live: true, anchor: ANCHOR });
    const owners = world.store.inventory.owners.length;
    let now = runFor(world, ANCHOR, 2 * HOUR);
    const after2h = footprint(world);
    now = runFor(world, now, 4 * HOUR);
    const after6h = footprint(world);

    expect(after6h.indexed).toBeLessThanOrEqual(owners * (LIVE_SESSIONS_KEPT + 2));
    expect(after6h.tasks).toBeLessThanOrEqual(after2h.tasks * 1.2 + CDP_TASKS_KEPT);
    expect(after6h.indexed).toBeLessThanOrEqual(after2h.indexed * 1.2);
    expect(now).toBeGreaterThan(ANCHOR);
  });
});
