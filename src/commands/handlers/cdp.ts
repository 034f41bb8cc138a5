import { latestSessionsOf } from '../../em/lookups.js';
import { newestSessions, newestTasksOf } from '../../em/queries.js';
import type { CdpReplicaSession, TaskSession } from '../../em/types.js';
import { buildCdpView } from '../../views/cdp-view.js';
import { unquote } from '../parse-text.js';
import { resolveName } from '../resolve-name.js';
import type { CommandDeps, CommandHandler } from '../types.js';

const SESSIONS_SHOWN = 5;
const TASKS_PER_SESSION = 10;

/** `/veeam cdp [policy]`: CDP sessions (all policies, or one) and their newest task sessions. */
export const cdpCommand: CommandHandler = async (rest, _context, deps) => {
  const name = unquote(rest);
  let sessions: CdpReplicaSession[];
  let title = 'CDP policies';
  let shareCommand = 'cdp';
  if (name) {
    const resolved = await resolveName(name, ['policy'], 'cdp', deps);
    if ('suggestions' in resolved) return resolved.suggestions;
    const { entry } = resolved;
    const owner = entry.uid ? { uid: entry.uid } : { name: entry.name };
    sessions = await latestSessionsOf(deps.client, 'CdpReplicaSession', owner, SESSIONS_SHOWN);
    title = `CDP policy ${entry.name}`;
    shareCommand = `cdp ${entry.name}`;
  } else {
    sessions = await newestSessions(deps.client, 'CdpReplicaSession', SESSIONS_SHOWN);
  }
  return buildCdpView(sessions, await newestTasks(deps, sessions), {
    title,
    shareCommand,
    now: new Date(deps.clock.now()),
  });
};

/** The newest task sessions of each CDP session, in parallel. */
async function newestTasks(
  deps: CommandDeps,
  sessions: CdpReplicaSession[],
): Promise<Map<string, TaskSession[]>> {
  const lists = await Promise.all(
    sessions.map((s) => newestTasksOf(deps.client, 'CdpReplicaTaskSession', s.uid, TASKS_PER_SESSION)),
  );
  return new Map(sessions.map((s, i) => [s.uid, lists[i] ?? []]));
}
