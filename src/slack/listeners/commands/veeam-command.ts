import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../commands/run-command.js';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import { isAllowed, NOT_ALLOWED_TEXT } from '../../access.js';
import type { ModalView } from '../../../views/format/block-kit.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import type { WorkQueue } from '../../work-queue.js';

/** What the command listener reads of Bolt's arguments; tests pass just these. */
export type CommandArgs = Pick<SlackCommandMiddlewareArgs & AllMiddlewareArgs, 'command' | 'ack' | 'respond'>;

/**
 * `/veeam ...`: ack at once (Slack's 3 s limit), then answer through response_url, ephemeral by default. With
 * `openView`, a command that asks for a confirmation (`/veeam retry <job>`) opens its modal with the trigger_id.
 */
export function createVeeamCommandListener(
  deps: CommandDeps,
  access: Pick<SlackConfig, 'allowedChannels' | 'allowedUsers'>,
  queue: WorkQueue,
  openView?: ChatPort['openView'],
) {
  return async ({ command, ack, respond }: CommandArgs): Promise<void> => {
    await ack();
    await queue(async () => {
      if (!isAllowed(access, command.user_id, command.channel_id)) {
        await respond({ response_type: 'ephemeral', text: NOT_ALLOWED_TEXT });
        return;
      }
      const triggerId = command.trigger_id;
      const context = {
        userId: command.user_id,
        channelId: command.channel_id,
        ...(triggerId && openView ? { modal: { open: (view: ModalView) => openView(triggerId, view) } } : {}),
      };
      const message = await runCommand(command.text ?? '', context, deps);
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    });
  };
}
