import { latestSessionsOf, taskSessionsOf, withEntityFormat } from '../em/lookups.js';
import type { EmDocument } from '../em/mappers/documents.js';
import type { CloudFailoverSession } from '../em/types.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildEntityView, buildTaskListView } from '../views/entity-view.js';
import { buildErrorView } from '../views/error-view.js';
import { buildFailoverView } from '../views/failover-view.js';
import { buildSessionListView } from '../views/session-list-view.js';
import { buildSessionView } from '../views/session-view.js';
import { buildTaskSessionView } from '../views/task-session-view.js';
import { replyForError } from './run-command.js';
import { problemTasksBySession } from './handlers/status.js';
import type { CommandDeps } from './types.js';

/** A link button: fetches the Href through the EM client and answers with the view of what it is. */
export async function followLink(href: string, deps: CommandDeps): Promise<SlackMessage> {
  try {
    let document = await deps.client.get(href);
    // References carry little; their Alternate link is the entity (docs/em-protocol.md, "References, entities and links").
    if (document.kind === 'reference') {
      const alternate = document.reference.links.find((l) => l.rel === 'Alternate');
      document = alternate
        ? await deps.client.get(alternate.href)
        : await deps.client.get(withEntityFormat(href));
    }
    // A Down link answers with references, which carry no results; its entity form has them.
    if (
      document.kind === 'list' &&
      !document.tasks.length &&
      document.references.length &&
      !href.includes('?')
    )
      document = await deps.client.get(withEntityFormat(href));
    return await viewOf(document, deps);
  } catch (error) {
    return replyForError(error, deps.logger, { action: 'follow_link' });
  }
}

async function viewOf(document: EmDocument, deps: CommandDeps): Promise<SlackMessage> {
  const now = new Date(deps.clock.now());
  switch (document.kind) {
    case 'session':
      return buildSessionView(document.session, {
        tasks: await taskSessionsOf(deps.client, document.session),
        now,
        ...(deps.emWebUrl ? { emWebUrl: deps.emWebUrl } : {}),
      });
    case 'task':
      return buildTaskSessionView(document.task, { now });
    case 'entity':
      return jobOrEntityView(document, deps);
    case 'list':
      return buildTaskListView('Task sessions', document.tasks, { references: document.references });
    default:
      return buildErrorView('Enterprise Manager returned nothing the bot can show for that link');
  }
}

/** A job or CDP policy shows its newest sessions (what on-call wants from a job link); anything else its fields. */
async function jobOrEntityView(document: Extract<EmDocument, { kind: 'entity' }>, deps: CommandDeps) {
  const { entity } = document;
  const entry = (await deps.catalog.entries()).find((e) => e.uid === entity.uid && e.sessionKind);
  if (!entry?.sessionKind || !entry.uid) return buildEntityView(entity);
  const sessions = await latestSessionsOf(deps.client, entry.sessionKind, { uid: entry.uid }, 5);
  return buildSessionListView(entry.name, sessions, {
    tasksBySession: await problemTasksBySession(deps.client, sessions),
    shareCommand: `status ${entry.name}`,
    now: new Date(deps.clock.now()),
  });
}

/**
 * The live view of one failover session for the Follow button; `finished` tells the caller there is
 * nothing to follow, `session` is absent when the link is not a cloud failover session.
 */
export async function failoverProgress(
  href: string,
  deps: CommandDeps,
): Promise<{ message: SlackMessage; finished: boolean; session?: CloudFailoverSession }> {
  const document = await deps.client.get(withEntityFormat(href));
  if (document.kind !== 'session' || document.session.kind !== 'CloudFailoverSession') {
    return { message: buildErrorView('That is not a cloud failover session'), finished: true };
  }
  const session: CloudFailoverSession = document.session;
  const finished = session.state === 'Stopped' || session.endTime !== undefined;
  return {
    message: buildFailoverView([session], {
      following: true,
      now: new Date(deps.clock.now()),
      title: `Cloud failover: ${session.name}`,
    }),
    finished,
    session,
  };
}
