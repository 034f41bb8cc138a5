import { latestSessionsOf, taskSessionsOf } from '../../em/lookups.js';
import type { Session, TaskSession } from '../../em/types.js';
import { buildSessionListView } from '../../views/session-list-view.js';
import { resolveName } from '../resolve-name.js';
import { finishView } from '../../views/finish-view.js';
import { statusActionBlocks } from './job-action.js';
import type { CommandHandler } from '../types.js';
import { UsageError } from '../../shared/errors.js';
import { unquote } from '../parse-text.js';

const SESSIONS_SHOWN = 5;

/** `/veeam status <job or policy>`: its newest sessions, with the failed and warning VMs of each. */
export const statusCommand: CommandHandler = async (rest, _context, deps) => {
  const name = unquote(rest);
  if (!name) throw new UsageError('Which job? Try `/veeam status Fileserver02 Replication`');
  const resolved = await resolveName(name, ['job', 'policy'], 'status', deps);
  if ('suggestions' in resolved) return resolved.suggestions;
  const { entry } = resolved;
  const kind = entry.sessionKind ?? 'BackupJobSession';
  const owner = entry.uid ? { uid: entry.uid } : { name: entry.name };
  const sessions = await latestSessionsOf(deps.client, kind, owner, SESSIONS_SHOWN);
  const view = buildSessionListView(entry.name, sessions, {
    tasksBySession: await problemTasksBySession(deps.client, sessions),
    shareCommand: `status ${entry.name}`,
    emptyText: `No sessions of ${entry.name} yet.`,
    now: new Date(deps.clock.now()),
  });
  const actions = entry.kind === 'job' ? await statusActionBlocks(entry.name, deps) : [];
  return actions.length ? finishView(view.text, [...(view.blocks ?? []), ...actions]) : view;
};

/** Task sessions of the sessions that ended with Warning or Failed (the others need no VM detail), in parallel. */
export async function problemTasksBySession(
  client: Parameters<typeof taskSessionsOf>[0],
  sessions: Session[],
): Promise<Map<string, TaskSession[]>> {
  const troubled = sessions.filter(
    (s) => s.result === 'Warning' || s.result === 'Failed' || s.kind === 'CdpReplicaSession',
  );
  const lists = await Promise.all(troubled.map((s) => taskSessionsOf(client, s)));
  return new Map(troubled.map((s, i) => [s.uid, lists[i] ?? []]));
}
