import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../commands/run-command.js';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import { isAllowed, NOT_ALLOWED_TEXT } from '../../access.js';
import type { WorkQueue } from '../../work-queue.js';

/** What the command listener reads of Bolt's arguments; tests pass just these. */
export type CommandArgs = Pick<SlackCommandMiddlewareArgs & AllMiddlewareArgs, 'command' | 'ack' | 'respond'>;

/** `/veeam ...`: ack at once (Slack's 3 s limit), then answer through response_url, ephemeral by default. */
export function createVeeamCommandListener(
  deps: CommandDeps,
  access: Pick<SlackConfig, 'allowedChannels' | 'allowedUsers'>,
  queue: WorkQueue,
) {
  return async ({ command, ack, respond }: CommandArgs): Promise<void> => {
    await ack();
    await queue(async () => {
      if (!isAllowed(access, command.user_id, command.channel_id)) {
        await respond({ response_type: 'ephemeral', text: NOT_ALLOWED_TEXT });
        return;
      }
      const context = { userId: command.user_id, channelId: command.channel_id };
      const message = await runCommand(command.text ?? '', context, deps);
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    });
  };
}
