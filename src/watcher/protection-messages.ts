import type { ProtectionConfig, WatcherConfig } from '../config/load-config.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import {
  buildMissedRunView,
  buildRepositoryAlertView,
  buildRpoAlertView,
  buildScheduleDisabledView,
} from '../views/protection-alert-view.js';
import type { ProtectionAlert } from './protection-assess.js';
import type { Routed } from './routing.js';

/** How routing sees a protection alert: `repository` or `protection`, the job (or repository), Failed or Warning. */
export function routedOf(alert: ProtectionAlert): Routed {
  if (alert.kind === 'repository') {
    return {
      kind: 'repository',
      jobName: alert.repository.name,
      server: alert.repository.backupServerName,
      result: alert.level === 'critical' ? 'Failed' : 'Warning',
    };
  }
  return {
    kind: 'protection',
    jobName: alert.job.name,
    server: alert.job.backupServerName,
    result: alert.kind === 'disabled' ? 'Warning' : 'Failed',
  };
}

/** The message of a protection alert, with the mention its severity calls for. */
export function messageOf(
  alert: ProtectionAlert,
  config: { protection: ProtectionConfig; watcher: Pick<WatcherConfig, 'mentionFailed' | 'mentionWarning'> },
): SlackMessage {
  const failed = routedOf(alert).result === 'Failed';
  const mentionText = failed ? config.watcher.mentionFailed : config.watcher.mentionWarning;
  const mention = mentionText ? { mention: mentionText } : {};
  switch (alert.kind) {
    case 'missed':
      return buildMissedRunView({
        job: alert.job.name,
        server: alert.job.backupServerName,
        nextRun: new Date(alert.nextRun),
        graceMs: config.protection.missedRunGraceMs,
        lastStartedAt: alert.lastStartedAt === undefined ? undefined : new Date(alert.lastStartedAt),
        ...mention,
      });
    case 'disabled':
      return buildScheduleDisabledView({
        job: alert.job.name,
        server: alert.job.backupServerName,
        ...mention,
      });
    case 'rpo':
      return buildRpoAlertView({
        job: alert.job.name,
        server: alert.job.backupServerName,
        rpo: alert.rpo,
        vms: alert.vms,
        ...(alert.sessions ? { sessions: alert.sessions } : {}),
        ...mention,
      });
    case 'repository':
      return buildRepositoryAlertView({
        name: alert.repository.name,
        server: alert.repository.backupServerName,
        level: alert.level,
        freePercent: alert.repository.freePercent,
        freeBytes: alert.repository.freeBytes,
        capacityBytes: alert.repository.capacityBytes,
        thresholdPercent:
          alert.level === 'critical' ? config.protection.repoCritPercent : config.protection.repoWarnPercent,
        ...mention,
      });
  }
}
