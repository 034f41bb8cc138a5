import { protectionOverview } from '../../../src/protection/overview.js';
import { buildJobProtectionView, buildProtectionOverviewView } from '../../../src/views/protection-view.js';
import { emptyProtectionMemory, type ProtectionMemory } from '../../../src/watcher/protection-state.js';

const HOUR = 3_600_000;
const NOW = 100 * 24 * HOUR;
const RPO = { now: NOW, overrides: undefined, rpoDefaultMs: 2 * HOUR };

function memoryWith(
  jobs: { uid: string; name: string; enabled?: boolean; vmAgesH: number[]; missed?: boolean }[],
): ProtectionMemory {
  const memory = emptyProtectionMemory();
  for (const job of jobs) {
    memory.jobs[job.uid] = { name: job.name, jobType: 'Backup', enabled: job.enabled ?? true, runs: [] };
    job.vmAgesH.forEach((age, i) => {
      memory.vms[`${job.uid}\nvm-${i}`] = {
        jobUid: job.uid,
        vm: `${job.name.toLowerCase()}-vm${i}`,
        newestAt: NOW - age * HOUR,
        kind: 'VmRestorePoint',
      };
    });
    if (job.missed)
      memory.episodes[`missed:${job.uid}`] = {
        key: `missed:${job.uid}`,
        kind: 'missed',
        name: job.name,
        jobUid: job.uid,
        startedAt: NOW - HOUR,
        announced: 'alert',
        messages: {},
      };
  }
  return memory;
}

describe('protectionOverview, worst first', () => {
  it('ranks missed, stale, disabled, protected; within a state by name', () => {
    const memory = memoryWith([
      { uid: 'a', name: 'Alpha', vmAgesH: [1] },
      { uid: 'b', name: 'Bravo', enabled: false, vmAgesH: [5] },
      { uid: 'c', name: 'Charlie', vmAgesH: [5, 1] },
      { uid: 'd', name: 'Delta', vmAgesH: [1], missed: true },
      { uid: 'e', name: 'Echo', vmAgesH: [1] },
      { uid: 'f', name: 'Foxtrot', vmAgesH: [3] },
      { uid: 'g', name: 'Golf', vmAgesH: [9], missed: true },
    ]);
    const jobs = protectionOverview(memory, RPO);
    expect(jobs.map((j) => [j.name, j.state])).toEqual([
      ['Delta', 'missed'],
      ['Golf', 'missed'],
      ['Charlie', 'stale'],
      ['Foxtrot', 'stale'],
      ['Bravo', 'disabled'],
      ['Alpha', 'protected'],
      ['Echo', 'protected'],
    ]);
    const lines = buildProtectionOverviewView(jobs)
      .blocks.flatMap((b) => (b.block_id === 'protection_jobs' && b.type === 'section' ? [b.text?.text] : []))
      .join('\n')
      .split('\n');
    expect(lines.map((l) => /\*(\w+)\*/.exec(l)?.[1])).toEqual([
      'Delta',
      'Golf',
      'Charlie',
      'Foxtrot',
      'Bravo',
      'Alpha',
      'Echo',
    ]);
  });

  it("lists one job's VMs oldest point first, then by name", () => {
    const memory = memoryWith([{ uid: 'j', name: 'Job', vmAgesH: [1, 7, 3, 7] }]);
    const [job] = protectionOverview(memory, RPO);
    expect(job?.vms.map((v) => [v.vm, v.state])).toEqual([
      ['job-vm1', 'stale'],
      ['job-vm3', 'stale'],
      ['job-vm2', 'stale'],
      ['job-vm0', 'protected'],
    ]);
    const view = buildJobProtectionView(job as NonNullable<typeof job>);
    const vms = view.blocks.find((b) => b.block_id === 'protection_vms');
    const text = vms?.type === 'section' ? (vms.text?.text ?? '') : '';
    expect(text.split('\n').map((l) => /\*(job-vm\d)\*/.exec(l)?.[1])).toEqual([
      'job-vm1',
      'job-vm3',
      'job-vm2',
      'job-vm0',
    ]);
  });
});
