import type { Session, TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn, literalName } from './format/escape-mrkdwn.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { truncate } from './format/truncate.js';
import { actions, fieldsSection, header } from './blocks.js';
import { finishView } from './finish-view.js';
import * as parts from './session-parts.js';

/** Options of buildSessionView. */
export interface SessionViewOptions {
  /** The session's task sessions; the failed and warning VMs are listed. */
  tasks?: TaskSession[];
  /** The EM web UI address for an `Open in Enterprise Manager` button. */
  emWebUrl?: string;
  /** The command text (after `/veeam `) for a `Share in channel` button. */
  shareCommand?: string;
  /** Used only for the duration of a running session. */
  now?: Date;
}

/** The blocks of one session, without the final fitting; shared with the alert view. */
export function sessionBlocks(session: Session, opts: SessionViewOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(`${resultEmoji(session)} ${session.name || session.jobName}`),
    fieldsSection(parts.sessionFields(session, opts.now)),
    ...parts.failureBlocks(session.failureMessage),
  ];
  if (session.kind === 'CloudFailoverSession') blocks.push(...parts.failoverTaskBlocks(session.tasks));
  if (opts.tasks) blocks.push(...parts.taskBlocks(opts.tasks));
  blocks.push(parts.uidContext(session));
  const buttons = parts.sessionButtons(session.links, opts);
  if (buttons.length) blocks.push(actions(buttons));
  return blocks;
}

/** The fallback text of a session: `:x: Backup Job 3: Failed`. */
export function sessionText(session: Session): string {
  const name = literalName(truncate(session.name || session.jobName, 200));
  return `${resultEmoji(session)} ${name}: ${escapeMrkdwn(truncate(resultLabel(session), 40))}`;
}

/** One session in detail: fields, failure message, problem VMs, UID and link buttons. */
export function buildSessionView(session: Session, opts: SessionViewOptions = {}): SlackMessage {
  return finishView(sessionText(session), sessionBlocks(session, opts));
}
