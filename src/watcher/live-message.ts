import type { Session } from '../em/types.js';
import { SlackApiError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { KnownBlock } from '../views/format/block-kit.js';
import type { ChatPort } from './chat-port.js';

/**
 * What a live session message shows that can change (state, result, progress, a failover's tasks): chat.update
 * is rate-limited, so a follower touches the message only when this changes or the session stops.
 */
export function progressSignature(session: Session): string {
  const tasks =
    session.kind === 'CloudFailoverSession'
      ? session.tasks.map((t) => `${t.state}/${t.result}/${t.progress ?? ''}`).join(',')
      : '';
  return `${session.state}/${session.result}/${session.progress ?? ''}/${tasks}`;
}

/** Whether a session has stopped (EM sets State Stopped and an end time). */
export const hasStopped = (session: Session): boolean =>
  session.state === 'Stopped' || session.endTime !== undefined;

const GONE = new Set(['message_not_found', 'cant_update_message']);

/**
 * Updates a live message in place. Answers `gone` when it can never be updated again (deleted, the channel
 * closed to us), so the follower stops; any other failure is logged and the next change tries again.
 */
export async function updateLiveMessage(
  chat: Pick<ChatPort, 'update'>,
  message: { channel: string; ts: string; text: string; blocks?: KnownBlock[] },
  logger: Logger,
): Promise<'updated' | 'failed' | 'gone'> {
  try {
    await chat.update(message);
    return 'updated';
  } catch (error) {
    logger.warn({ channel: message.channel, err: String(error) }, 'could not update a live session message');
    return error instanceof SlackApiError && (error.isFinal || GONE.has(error.slackCode)) ? 'gone' : 'failed';
  }
}
