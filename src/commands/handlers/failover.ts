import { latestSessionsOf, runningSessions } from '../../em/lookups.js';
import type { CloudFailoverSession } from '../../em/types.js';
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
      deps.client.querySessions(
        { type: 'CloudFailoverSession', sortDesc: 'CreationTime', pageSize: SHOWN },
        SHOWN,
      ),
    ]);
    return buildFailoverView(uniqueByUid([...running, ...recent]).slice(0, SHOWN) as CloudFailoverSession[], {
      now,
      shareCommand: 'failover',
    });
  }
  const resolved = await resolveName(name, ['plan'], 'failover', deps);
  if ('suggestions' in resolved) return resolved.suggestions;
  const sessions = await latestSessionsOf(
    deps.client,
    'CloudFailoverSession',
    { name: resolved.entry.name },
    SHOWN,
  );
  return buildFailoverView(sessions as CloudFailoverSession[], {
    now,
    title: `Cloud failover: ${resolved.entry.name}`,
    shareCommand: `failover ${resolved.entry.name}`,
  });
};

function uniqueByUid<T extends { uid: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.uid) && seen.add(item.uid));
}
