import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buttonHandlerFor, type ButtonIo } from '../../../commands/button-table.js';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import type { FailoverFollowPort } from '../../../watcher/failovers.js';
import { isAllowed, NOT_ALLOWED_TEXT } from '../../access.js';
import type { WorkQueue } from '../../work-queue.js';

type BoltButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
/** What a button listener reads of Bolt's arguments; tests pass just these. */
export type ButtonArgs = Pick<BoltButtonArgs, 'ack' | 'action' | 'body' | 'respond'>;

/** What the button listener needs: the commands' deps, the access rules, the work queue and the ports. */
export interface ButtonListenerDeps {
  commands: CommandDeps;
  access: Pick<SlackConfig, 'allowedChannels' | 'allowedUsers'>;
  queue: WorkQueue;
  chat: ChatPort;
  follow: FailoverFollowPort;
}

/**
 * The Slack side of a click's answers: ephemeral replies through response_url, writes through the chat port. A
 * click on the App Home tab has neither a channel nor a response_url: it is answered in the bot's direct message
 * with the clicker instead.
 */
function slackIo(respond: ButtonArgs['respond'], deps: ButtonListenerDeps, homeUser?: string): ButtonIo {
  if (homeUser) {
    return {
      reply: async (message) => {
        await deps.chat.post({
          channel: homeUser,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks } : {}),
        });
      },
      dismiss: async () => undefined, // nothing ephemeral to remove on the Home tab
      chat: deps.chat,
      follow: deps.follow,
    };
  }
  return {
    reply: async (message, options = {}) => {
      await respond({
        response_type: 'ephemeral',
        replace_original: options.replaceOriginal ?? false,
        text: message.text,
        blocks: message.blocks,
      });
    },
    dismiss: async () => {
      await respond({ delete_original: true });
    },
    chat: deps.chat,
    follow: deps.follow,
  };
}

/**
 * Every button with work behind it: ack first, then (queued) the same access rules as the command, then the
 * handler of the one button table shared with the console.
 */
export function createButtonListener(deps: ButtonListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await deps.queue(async () => {
      // The Home tab: no channel and nowhere to answer ephemerally (Slack sends no response_url for it).
      const fromHome = body.channel === undefined && !(body as { response_url?: string }).response_url;
      const context = { userId: body.user.id, channelId: body.channel?.id ?? (fromHome ? body.user.id : '') };
      if (!isAllowed(deps.access, context.userId, fromHome ? undefined : context.channelId)) {
        if (fromHome) await deps.chat.post({ channel: context.userId, text: NOT_ALLOWED_TEXT });
        else await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_ALLOWED_TEXT });
        return;
      }
      const handler = buttonHandlerFor(action.action_id);
      if (!handler) return;
      // An ephemeral message cannot be updated with chat.update: only a channel message is updated in place.
      const messageTs = body.container?.is_ephemeral === false ? body.message?.ts : undefined;
      const userName = body.user.name ?? body.user.username;
      await handler(
        {
          value: action.value ?? '',
          context,
          ...(messageTs ? { messageTs } : {}),
          ...(userName ? { userName } : {}),
          ...(body.trigger_id ? { triggerId: body.trigger_id } : {}),
        },
        deps.commands,
        slackIo(respond, deps, fromHome ? body.user.id : undefined),
      );
    });
  };
}

/** A url button (Open in Enterprise Manager): Slack opens the link and still sends an action, which needs an ack. */
export async function ackOnly({ ack }: { ack: () => Promise<void> }): Promise<void> {
  await ack();
}
