/** One VM point as the run learner sees it: when, which VM, and the run it belongs to when EM says so. */
export interface PointOfRun {
  at: number;
  vm: string;
  /** The run's RestorePoint link (backup points); replica points carry none. */
  run: string | undefined;
}

/**
 * The start of each run of one job from its VM points. Backup points name their run; replica points do not,
 * and the VMs of one run finish minutes apart, so they are grouped oldest first into runs that end when a VM
 * comes round again. The oldest such group is dropped: the read window may have cut it, and a cut run would
 * read as a second run minutes after the first (an RPO learned from minutes, not from the schedule).
 */
export function runStarts(points: readonly PointOfRun[]): number[] {
  const named = new Map<string, number>();
  const unnamed: PointOfRun[] = [];
  for (const point of points) {
    if (point.run === undefined) unnamed.push(point);
    else named.set(point.run, Math.min(named.get(point.run) ?? point.at, point.at));
  }
  return [...named.values(), ...groupByRound(unnamed).slice(1)];
}

function groupByRound(points: PointOfRun[]): number[] {
  const starts: number[] = [];
  let seen = new Set<string>();
  for (const point of [...points].sort((a, b) => a.at - b.at)) {
    const vm = point.vm.toLowerCase();
    if (starts.length === 0 || seen.has(vm)) {
      starts.push(point.at);
      seen = new Set();
    }
    seen.add(vm);
  }
  return starts;
}
