import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { failoverProgress, followLink } from '../../../commands/actions.js';
import { runCommand } from '../../../commands/run-command.js';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import { isAllowed, NOT_ALLOWED_TEXT } from '../../access.js';
import type { FailoverFollower } from '../../failover-follower.js';
import type { WorkQueue } from '../../work-queue.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type Access = Pick<SlackConfig, 'allowedChannels' | 'allowedUsers'>;
/** What every button listener needs besides its own dependencies: the access rules and the work queue. */
export interface ButtonContext {
  access: Access;
  queue: WorkQueue;
}

const who = (body: BlockAction) => ({ userId: body.user.id, channelId: body.channel?.id ?? '' });

/** Guards a button listener: ack first, then the same access rules as the command, then the work, queued. */
function guarded(context: ButtonContext, run: (args: ButtonArgs) => Promise<void>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    await context.queue(async () => {
      const { userId, channelId } = who(args.body);
      if (!isAllowed(context.access, userId, channelId)) {
        await args.respond({ response_type: 'ephemeral', replace_original: false, text: NOT_ALLOWED_TEXT });
        return;
      }
      await run(args);
    });
  };
}

/** A link button (Up/Down/Details): fetch the Href and answer with its view. */
export const createFollowLinkListener = (deps: CommandDeps, context: ButtonContext) =>
  guarded(context, async ({ action, respond }) => {
    const message = await followLink(action.value ?? '', deps);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  });

/** A suggestion button: run the command it names. */
export const createPickSuggestionListener = (deps: CommandDeps, context: ButtonContext) =>
  guarded(context, async ({ action, body, respond }) => {
    const message = await runCommand(action.value ?? '', who(body), deps);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: message.text,
      blocks: message.blocks,
    });
  });

/** `Share in channel`: run the same command again and post its view to the channel, saying who shared it. */
export const createShareListener = (deps: CommandDeps, context: ButtonContext) =>
  guarded(context, async ({ action, body, client, respond }) => {
    const context = who(body);
    const message = await runCommand(action.value ?? '', context, deps);
    try {
      await client.chat.postMessage({
        channel: context.channelId,
        text: `<@${context.userId}> shared: ${message.text}`,
        blocks: message.blocks,
        unfurl_links: false,
      });
      await respond({ delete_original: true });
    } catch {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'I could not post in this channel; invite me with `/invite @veeam` and try again.',
      });
    }
  });

/** `Follow` on a failover: keep a channel message updated in place (chat.update) until the session stops. */
export const createFollowFailoverListener = (
  deps: CommandDeps,
  context: ButtonContext,
  follower: FailoverFollower,
) =>
  guarded(context, async ({ action, body, client, respond }) => {
    const href = action.value ?? '';
    const channel = body.channel?.id ?? '';
    const { message } = await failoverProgress(href, deps);
    // An ephemeral message cannot be updated with chat.update: post a channel message to follow instead.
    const original = body.container?.is_ephemeral === false ? body.message?.ts : undefined;
    let ts = original;
    try {
      if (ts) await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      else ts = (await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks })).ts;
    } catch {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'I could not post in this channel; invite me and try again.',
      });
      return;
    }
    if (ts) follower.follow(channel, ts, href);
  });
