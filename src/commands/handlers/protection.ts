import { protectionOverview } from '../../protection/overview.js';
import { buildErrorView } from '../../views/error-view.js';
import {
  buildJobProtectionView,
  buildProtectionOverviewView,
  buildVmProtectionView,
} from '../../views/protection-view.js';
import { emptyProtectionMemory } from '../../watcher/protection-state.js';
import { unquote } from '../parse-text.js';
import type { CommandHandler } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

/**
 * `/veeam protection [job or VM]`: what the protection loop last read, judged now: the estate by state, one
 * job's VMs, or one VM's newest points across the jobs that protect it.
 */
export const protectionCommand: CommandHandler = async (rest, _context, deps) => {
  if (!deps.watcher) return buildErrorView(ALERTS_NOT_RUNNING);
  const state = deps.watcher.state();
  const now = deps.clock.now();
  const jobs = protectionOverview(state.protection ?? emptyProtectionMemory(), {
    now,
    overrides: state.rpoOverrides,
    rpoDefaultMs: deps.protection?.rpoDefaultMs,
  });
  const asked = unquote(rest);
  if (!asked) return buildProtectionOverviewView(jobs);
  const job = jobs.find((j) => j.name.toLowerCase() === asked.toLowerCase());
  if (job) return buildJobProtectionView(job);
  return buildVmProtectionView(asked, jobs, now);
};
