import { vmPointsOf, vmPointsOfVm } from '../../../src/simulator/store/points.js';
import { taskList, taskListOfVm } from '../../../src/simulator/store/tasks.js';
import { World } from '../../../src/simulator/world.js';

const ANCHOR = Date.UTC(2026, 0, 5, 12);

describe("one VM's task sessions and points, derived without the others", () => {
  const world = new World({ seed: 7, history: 3000, live: false, anchor: ANCHOR });
  const store = world.store;
  const sessions = Array.from({ length: store.cols.length }, (_, id) => id).filter((id) => id % 7 === 0);

  it('equal the full lists filtered by VM name, for every kind and for names in another letter case', () => {
    let compared = 0;
    for (const id of sessions) {
      const full = taskList(store, id, ANCHOR);
      for (const name of new Set(full.map((t) => t.vmName))) {
        const asked = compared % 2 === 0 ? name.toUpperCase() : name;
        const wanted = full.filter((t) => t.vmName.toLowerCase() === name.toLowerCase());

        expect(taskListOfVm(store, asked)(id, ANCHOR)).toEqual(wanted);
        const points = vmPointsOf(store, id, ANCHOR).filter(
          (p) => p.task.vmName.toLowerCase() === name.toLowerCase(),
        );
        expect(vmPointsOfVm(store, asked)(id, ANCHOR).map((p) => p.task)).toEqual(points.map((p) => p.task));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('are empty for a name no VM has', () => {
    for (const id of sessions.slice(0, 50)) expect(taskListOfVm(store, 'no such vm')(id, ANCHOR)).toEqual([]);
  });
});
