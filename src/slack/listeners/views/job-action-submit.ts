import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { checkSubmission, runConfirmedAction } from '../../../commands/job-actions/confirm-action.js';
import type { CommandDeps } from '../../../commands/types.js';
import { buildRefusedModal } from '../../../views/job-action-view.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import type { WorkQueue } from '../../work-queue.js';

type BoltViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
/** What the submission listener reads of Bolt's arguments. */
export type ViewArgs = Pick<BoltViewArgs, 'ack' | 'body' | 'view'>;

/**
 * The confirmation modal's submission: the token and the operator list are checked before the ack, so a
 * refused one answers in the modal (one line) and reaches EM zero times; an accepted one closes and runs queued.
 */
export function createJobActionSubmitListener(deps: {
  commands: CommandDeps;
  chat: ChatPort;
  queue: WorkQueue;
}) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const check = await checkSubmission(view.private_metadata, body.user.id, deps.commands);
    if (!check.ok) {
      await ack({ response_action: 'update', view: buildRefusedModal(check.line) });
      return;
    }
    await ack();
    const name = body.user.name ?? body.user.id;
    await deps.queue(() => runConfirmedAction(check.claims, name, deps.commands, deps.chat));
  };
}
