import { sessionByIdentifier, taskSessionsOf } from '../../em/lookups.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildSessionView } from '../../views/session-view.js';
import { UsageError } from '../../shared/errors.js';
import { unquote } from '../parse-text.js';
import type { CommandHandler } from '../types.js';

/** `/veeam session <uid, id or href>`: one session in full with its task sessions. */
export const sessionCommand: CommandHandler = async (rest, _context, deps) => {
  const identifier = unquote(rest).replace(/^<(.*)>$/, '$1'); // Slack wraps pasted links in <...>
  if (!identifier) throw new UsageError('Which session? Give its UID, ID or Enterprise Manager link');
  const session = await sessionByIdentifier(deps.client, identifier);
  if (!session) return buildErrorView('Enterprise Manager has no session with that identifier');
  return buildSessionView(session, {
    tasks: await taskSessionsOf(deps.client, session),
    ...(deps.emWebUrl ? { emWebUrl: deps.emWebUrl } : {}),
    shareCommand: `session ${session.uid || identifier}`,
    now: new Date(deps.clock.now()),
  });
};
