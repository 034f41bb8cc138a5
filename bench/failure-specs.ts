import type { SessionSpec } from '../src/simulator/control/session-spec.js';

const TYPES = ['BackupJobSession', 'ReplicaJobSession', 'CdpReplicaSession'] as const;
const REASONS = ['Error: Disk full', 'Snapshot creation failed', 'Failed to connect to the host'];

/**
 * `count` Failed sessions of distinct jobs, cycling backup, replica and CDP, each with 1-3 failed tasks.
 * The same specs every round, so each poll has the same work to do.
 */
export function buildFailureSpecs(count: number, prefix: string): SessionSpec[] {
  return Array.from({ length: count }, (_, i): SessionSpec => {
    const type = TYPES[i % TYPES.length] as string;
    const taskCount = 1 + (i % 3);
    return {
      type,
      jobName: `${prefix} ${String(i + 1).padStart(3, '0')}`,
      state: 'Stopped',
      result: 'Failed',
      failureMessage: 'Processing failed',
      tasks: Array.from({ length: taskCount }, (_t, t) => ({
        vmName: `bench-vm-${String(i + 1).padStart(3, '0')}-${t + 1}`,
        result: 'Failed',
        state: 'Completed',
        reason: REASONS[(i + t) % REASONS.length] as string,
      })),
    };
  });
}
