import type { StateHooks } from '../store/open-state-store.js';
import type { StartedWatcher } from '../watcher/start-watcher.js';
import type { PollReport } from '../watcher/watcher.js';
import type { HealthKit } from './health-kit.js';

/** The watcher's hooks feeding the metrics: polls, lease attempts, protection and digest runs. */
export function watcherHooks(kit: HealthKit): StateHooks & {
  onPoll: (report: PollReport, ms: number) => void;
  onLoop: (loop: 'protection' | 'digest') => void;
} {
  const { metrics } = kit;
  return {
    onPoll: (report, ms) =>
      metrics.poll({
        ok: report.ok,
        ms,
        decided: report.found,
        ...(report.errorCode ? { errorCode: report.errorCode } : {}),
      }),
    onLeaseRenewal: (outcome) => metrics.leaseRenewal(outcome),
    onLoop: (loop) => (loop === 'digest' ? metrics.digestCheck() : metrics.protectionCheck()),
  };
}

/** Once the watcher runs: the gauges read who leads and what is pending, readiness pings the store. */
export function observeWatcher(
  kit: HealthKit,
  started: Pick<StartedWatcher, 'watcher' | 'store' | 'leadership'>,
): void {
  kit.metrics.observe({
    isLeader: () => started.leadership.isLeader(),
    pendingAlerts: () =>
      Object.values(started.watcher.state().alerts).filter((record) => record.status === 'pending').length,
  });
  kit.addPart({ name: 'store', check: () => started.store.ping() });
}
