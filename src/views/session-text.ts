import type { EmLink, Session, TaskSession } from '../em/types.js';
import { formatDuration } from '../shared/duration.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { isRunning, resultEmoji, resultRank } from './format/result-emoji.js';
import { truncate } from './format/truncate.js';

const KIND_LABELS: Record<string, string> = {
  BackupJobSession: 'Backup',
  ReplicaJobSession: 'Replication',
  CdpReplicaSession: 'CDP',
  CloudFailoverSession: 'Cloud failover',
  BackupTaskSession: 'Backup',
  ReplicaTaskSession: 'Replication',
  CdpReplicaTaskSession: 'CDP',
};

/** A short label for a session or task kind (`Backup`, `Replication`, `CDP`, `Cloud failover`). */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

const PLAIN_JOB_TYPES = new Set(['Backup', 'Replica', 'CdpReplica', 'FailoverPlan']);

/** The kind label, with the EM job type when it says more (`Backup (BackupCopy)`). */
export function typeLabel(session: Session): string {
  const kind = kindLabel(session.kind);
  return session.jobType && !PLAIN_JOB_TYPES.has(session.jobType) ? `${kind} (${session.jobType})` : kind;
}

/** What the session belongs to: a job, a CDP policy or a failover plan. */
export function ownerLabel(session: Session): 'Job' | 'Policy' | 'Plan' {
  if (session.kind === 'CdpReplicaSession') return 'Policy';
  return session.kind === 'CloudFailoverSession' ? 'Plan' : 'Job';
}

/** The job, policy or plan name, falling back to the session name. */
export function ownerName(session: Session): string {
  return session.jobName || session.name;
}

/** The name of the backup server from the Up link of type `BackupServerReference`, if any. */
export function backupServerName(links: EmLink[]): string | undefined {
  const link = links.find((l) => l.rel === 'Up' && l.type === 'BackupServerReference');
  return link?.name || undefined;
}

/** The name of the parent session from the Up link of a `…SessionReference` type, if any. */
export function parentSessionName(links: EmLink[]): string | undefined {
  const link = links.find((l) => l.rel === 'Up' && /SessionReference$/.test(l.type ?? ''));
  return link?.name || undefined;
}

/** How long it ran: end - start, or now - start while running (when `now` is known); `—` otherwise. */
export function durationText(start: Date | undefined, end: Date | undefined, now?: Date): string {
  const until = end ?? now;
  if (!start || !until || Number.isNaN(start.getTime()) || Number.isNaN(until.getTime())) return '—';
  const text = formatDuration(until.getTime() - start.getTime());
  return end ? text : `${text} so far`;
}

/** Task sessions that failed or warned, the failed first, each group in the order given. */
export function problemTasks(tasks: TaskSession[]): TaskSession[] {
  const problems = tasks.filter((t) => t.result === 'Failed' || t.result === 'Warning');
  return problems.sort((a, b) => resultRank(a.result) - resultRank(b.result));
}

/** One mrkdwn line for a problem VM: `:x: *vm* — reason`, the reason cut to `maxReason`. */
export function taskLine(task: TaskSession, maxReason = 300): string {
  const reason = task.reason?.trim();
  const tail = reason ? ` — ${escapeMrkdwn(truncate(reason, maxReason))}` : '';
  return `${resultEmoji(task)} ${boldName(truncate(task.vmName, 120))}${tail}`;
}

/** A count line for the VMs that are not problems: `:white_check_mark: 480 succeeded · :hourglass_flowing_sand: 2 running`. */
export function otherTasksLine(tasks: TaskSession[]): string | undefined {
  const ok = tasks.filter((t) => t.result === 'Success').length;
  const running = tasks.filter((t) => t.result !== 'Success' && isRunning(t)).length;
  const parts: string[] = [];
  if (ok) parts.push(`:white_check_mark: ${ok} succeeded`);
  if (running) parts.push(`:hourglass_flowing_sand: ${running} running`);
  return parts.length ? parts.join(' · ') : undefined;
}

/** A label for a count: `1 VM`, `3 VMs`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
