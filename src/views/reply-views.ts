import type { Session, TaskSession } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { section } from './blocks.js';
import { finishView } from './finish-view.js';
import { taskBlocks } from './session-parts.js';
import { durationText, ownerName } from './session-text.js';

const name = (session: Session): string => boldName(truncate(ownerName(session), 150));

/** A thread reply for a retry of an alerted session: its result and its failed and warning VMs. */
export function buildRetryReplyView(session: Session, tasks: TaskSession[]): SlackMessage {
  const result = escapeMrkdwn(truncate(resultLabel(session), 40));
  const line = `:repeat: Retry of ${name(session)}: ${resultEmoji(session)} ${result} (started ${slackDate(session.creationTime)})`;
  const failure = session.failureMessage?.trim();
  const blocks = [
    section(failure ? `${line}\n> ${escapeMrkdwn(truncate(failure, 1000))}` : line, 'retry'),
    ...taskBlocks(tasks),
  ];
  return finishView(line, blocks);
}

/** A thread reply saying the job recovered: a later session succeeded. */
export function buildRecoveredReplyView(session: Session): SlackMessage {
  const took = durationText(session.creationTime, session.endTime);
  const end = slackDate(session.endTime ?? session.creationTime);
  const line = `:white_check_mark: ${name(session)} recovered: ${escapeMrkdwn(truncate(resultLabel(session), 40))} at ${end} (${took})`;
  return finishView(line, [section(line, 'recovered')]);
}
