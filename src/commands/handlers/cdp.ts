import { latestSessionsOf } from '../../em/lookups.js';
import type { CdpReplicaSession, TaskSession } from '../../em/types.js';
import { buildCdpView } from '../../views/cdp-view.js';
import { unquote } from '../parse-text.js';
import { resolveName } from '../resolve-name.js';
import type { CommandDeps, CommandHandler } from '../types.js';
import { TASK_FIELDS } from '../../em/query-fields.js';
import { where } from '../../em/query.js';

const SESSIONS_SHOWN = 5;
const TASKS_PER_SESSION = 10;

/** `/veeam cdp [policy]`: CDP sessions (all policies, or one) and their newest task sessions. */
export const cdpCommand: CommandHandler = async (rest, _context, deps) => {
  const name = unquote(rest);
  let sessions: CdpReplicaSession[];
  let title = 'CDP policies';
  if (name) {
    const resolved = await resolveName(name, ['policy'], 'cdp', deps);
    if ('suggestions' in resolved) return resolved.suggestions;
    const owner = resolved.entry.uid ? { uid: resolved.entry.uid } : { name: resolved.entry.name };
    sessions = (await latestSessionsOf(
      deps.client,
      'CdpReplicaSession',
      owner,
      SESSIONS_SHOWN,
    )) as CdpReplicaSession[];
    title = `CDP policy ${resolved.entry.name}`;
  } else {
    sessions = (await deps.client.querySessions(
      { type: 'CdpReplicaSession', sortDesc: 'CreationTimeUTC', pageSize: SESSIONS_SHOWN },
      SESSIONS_SHOWN,
    )) as CdpReplicaSession[];
  }
  return buildCdpView(sessions, await newestTasks(deps, sessions), {
    title,
    shareCommand: name ? `cdp ${name}` : 'cdp',
    now: new Date(deps.clock.now()),
  });
};

/** The newest task sessions of each CDP session: one sorted, paged query per session by its UID. */
async function newestTasks(
  deps: CommandDeps,
  sessions: CdpReplicaSession[],
): Promise<Map<string, TaskSession[]>> {
  const fields = TASK_FIELDS.CdpReplicaTaskSession;
  const lists = await Promise.all(
    sessions.map((s) =>
      deps.client.queryTaskSessions(
        {
          type: 'CdpReplicaTaskSession',
          filter: where(fields.owner, '==', s.uid),
          sortDesc: fields.creation,
          pageSize: TASKS_PER_SESSION,
        },
        TASKS_PER_SESSION,
      ),
    ),
  );
  return new Map(sessions.map((s, i) => [s.uid, lists[i] ?? []]));
}
