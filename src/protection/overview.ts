import type { ProtectionMemory, RpoOverrideRecord } from '../watcher/protection-state.js';
import { assessVm, assessVmWithoutPoint, jobState, STATE_ORDER, type ProtectionState } from './assess.js';
import { rpoOfJob, type Rpo } from './rpo.js';

/** One VM of a job as `/veeam protection` shows it. */
export interface VmProtection {
  vm: string;
  /** The newest point's kind, time and age; undefined for a VM its job includes with no restore point seen. */
  kind: 'VmRestorePoint' | 'VmReplicaPoint' | undefined;
  newestAt: number | undefined;
  ageMs: number | undefined;
  state: 'protected' | 'stale';
}

/** One watched job as `/veeam protection` shows it, its VMs worst (oldest point) first. */
export interface JobProtection {
  uid: string;
  name: string;
  server: string | undefined;
  state: ProtectionState;
  rpo: Rpo | undefined;
  vms: VmProtection[];
}

/**
 * What the protection loop last knew, judged at `now`: every watched job with its state, RPO and VMs, worst
 * first (missed, stale, disabled, protected; then by name).
 */
export function protectionOverview(
  memory: ProtectionMemory,
  opts: {
    now: number;
    overrides: Record<string, RpoOverrideRecord> | undefined;
    rpoDefaultMs: number | undefined;
  },
): JobProtection[] {
  const vmsByJob = new Map<string, ProtectionMemory['vms'][string][]>();
  for (const vm of Object.values(memory.vms))
    vmsByJob.set(vm.jobUid, [...(vmsByJob.get(vm.jobUid) ?? []), vm]);
  const missed = new Set(
    Object.values(memory.episodes)
      .filter((e) => e.kind === 'missed' && e.recoveredAt === undefined && e.jobUid)
      .map((e) => e.jobUid as string),
  );
  const jobs = Object.entries(memory.jobs).map(([uid, job]): JobProtection => {
    const rpo = rpoOfJob(uid, job, opts);
    const vms = (vmsByJob.get(uid) ?? []).map((vm): VmProtection => {
      const judged = assessVm(vm.newestAt, rpo, opts.now);
      return {
        vm: vm.vm,
        kind: vm.kind,
        newestAt: vm.newestAt,
        ageMs: judged.ageMs ?? 0,
        state: judged.state,
      };
    });
    const without = Object.values(job.noPoint ?? {}).map(({ vm, since }): VmProtection => ({
      vm,
      kind: undefined,
      newestAt: undefined,
      ageMs: undefined,
      state: assessVmWithoutPoint(since, rpo, opts.now).state,
    }));
    vms.push(...without);
    vms.sort(
      (a, b) =>
        (a.newestAt ?? Number.NEGATIVE_INFINITY) - (b.newestAt ?? Number.NEGATIVE_INFINITY) ||
        a.vm.localeCompare(b.vm),
    );
    const staleVms = vms.filter((vm) => vm.state === 'stale').length;
    const state = jobState({ missed: missed.has(uid), enabled: job.enabled, staleVms });
    return { uid, name: job.name, server: job.server, state, rpo, vms };
  });
  const rank = (state: ProtectionState) => STATE_ORDER.indexOf(state);
  return jobs.sort((a, b) => rank(a.state) - rank(b.state) || a.name.localeCompare(b.name));
}
