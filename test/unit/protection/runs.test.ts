import { runStarts, type PointOfRun } from '../../../src/protection/runs.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** One replica run: its VMs finish a minute apart from `start`. */
const replicaRun = (start: number, vms: string[]): PointOfRun[] =>
  vms.map((vm, i) => ({ at: start + i * MIN, vm, run: undefined }));

describe('runStarts', () => {
  it('groups the VMs of one replica run into one run, whatever minute each finished in', () => {
    const points = [0, 6, 12, 18].flatMap((h) => replicaRun(h * HOUR, ['a', 'b', 'c', 'd']));
    // The oldest group is dropped (the window may have cut it).
    expect(runStarts(points).sort((x, y) => x - y)).toEqual([6 * HOUR, 12 * HOUR, 18 * HOUR]);
  });

  it('a run missing a VM still counts as one run, off by at most the length of a run', () => {
    const points = [
      ...replicaRun(0, ['a', 'b']),
      ...replicaRun(HOUR, ['b']),
      ...replicaRun(2 * HOUR, ['a', 'b']),
    ];
    expect(runStarts(points).sort((x, y) => x - y)).toEqual([HOUR, 2 * HOUR + MIN]);
  });

  it('backup points are grouped by the run they name, each run at its earliest point', () => {
    const points: PointOfRun[] = [
      { at: 5 * MIN, vm: 'a', run: 'r1' },
      { at: 2 * MIN, vm: 'b', run: 'r1' },
      { at: HOUR, vm: 'a', run: 'r2' },
    ];
    expect(runStarts(points).sort((x, y) => x - y)).toEqual([2 * MIN, HOUR]);
  });
});
