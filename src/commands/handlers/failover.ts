import { latestSessionsOf, runningSessions } from '../../em/lookups.js';
import { newestSessions } from '../../em/queries.js';
import { buildFailoverView } from '../../views/failover-view.js';
import { unquote } from '../parse-text.js';
import { resolveName } from '../resolve-name.js';
import type { CommandHandler } from '../types.js';

const SHOWN = 5;

/** `/veeam failover [plan]`: cloud failover sessions, running ones first, with per-VM progress. */
export const failoverCommand: CommandHandler = async (rest, _context, deps) => {
  const name = unquote(rest);
  const now = new Date(deps.clock.now());
  if (!name) {
    const [running, recent] = await Promise.all([
      runningSessions(deps.client, 'CloudFailoverSession', SHOWN),
      newestSessions(deps.client, 'CloudFailoverSession', SHOWN),
    ]);
    return buildFailoverView(uniqueByUid([...running, ...recent]).slice(0, SHOWN), {
      now,
      shareCommand: 'failover',
    });
  }
  const resolved = await resolveName(name, ['plan'], 'failover', deps);
  if ('suggestions' in resolved) return resolved.suggestions;
  const plan = resolved.entry.name;
  // A failover session carries no plan UID: its plan is its name.
  const sessions = await latestSessionsOf(deps.client, 'CloudFailoverSession', { name: plan }, SHOWN);
  return buildFailoverView(sessions, {
    now,
    title: `Cloud failover: ${plan}`,
    shareCommand: `failover ${plan}`,
  });
};

function uniqueByUid<T extends { uid: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.uid) && seen.add(item.uid));
}
