import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { LIMITS } from './format/limits.js';
import { context } from './blocks.js';
import { ERROR_BLOCK_ID, SHARE_IN_CHANNEL } from './ids.js';

const isShareButton = (element: { type: string; action_id?: string }): boolean =>
  element.type === 'button' && (element.action_id ?? '').split(':')[0] === SHARE_IN_CHANNEL;

/** Drops every Share in channel button (and an actions block it leaves empty). */
function withoutShareButtons(blocks: KnownBlock[]): KnownBlock[] {
  return blocks.flatMap((block): KnownBlock[] => {
    if (block.type === 'actions') {
      const elements = block.elements.filter((e) => !isShareButton(e));
      return elements.length ? [{ ...block, elements }] : [];
    }
    if (block.type === 'section' && block.accessory && isShareButton(block.accessory)) {
      const { accessory: _dropped, ...rest } = block;
      return [rest];
    }
    return [block];
  });
}

/** A Slack user id is mentioned; anything else (the console's user) is shown as escaped text. */
const who = (userId: string): string =>
  /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);

/** True when the answer is the one-line error view: such an answer is never posted to a channel. */
export function isErrorAnswer(message: SlackMessage): boolean {
  return message.blocks.some((b) => b.block_id === ERROR_BLOCK_ID);
}

/**
 * The copy of an answer posted by `Share in channel`: the same content without Share buttons (it is
 * already shared), and who shared it in a context line under the content; the notification text stays the
 * content's own.
 */
export function buildSharedCopyView(message: SlackMessage, opts: { sharedBy: string }): SlackMessage {
  const blocks = withoutShareButtons(message.blocks).slice(0, LIMITS.blocksPerMessage - 1);
  blocks.push(context([`Shared by ${who(opts.sharedBy)}`], 'shared_by'));
  return { text: message.text, blocks };
}
