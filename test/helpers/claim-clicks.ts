import { ActionId } from '../../src/views/ids.js';
import type { BotHarness } from './bot-harness.js';
import { blocksOf, buttonsOf } from './slack-blocks.js';
import { sendButtonClick } from './slack-requests.js';

/** A message as the fake Slack keeps it. */
export type Posted = { ts?: string; channel?: string; text?: string; blocks?: unknown[] };

/** Clicks buttons through Bolt's receiver in one channel and reads the clicker's answers. */
export function claimClicks(h: BotHarness, channel: string) {
  let n = 0;
  const buttonOf = (message: Posted | undefined, base: string) =>
    buttonsOf(message).find((b) => String(b['action_id']).split(':')[0] === base);
  return {
    claimButton: (message: Posted | undefined) => buttonOf(message, ActionId.CLAIM),
    snoozeButton: (message: Posted | undefined) => buttonOf(message, ActionId.SNOOZE),
    takeOverButton: (message: Posted | undefined) => buttonOf(message, ActionId.TAKE_OVER),
    /** Clicks a button (on the channel message `messageTs`, or an ephemeral one); answers the response id. */
    async click(
      button: Record<string, unknown> | undefined,
      who: { userId: string; userName: string },
      messageTs?: string,
    ): Promise<string> {
      const id = `claim-click-${++n}`;
      await sendButtonClick(h.eventsUrl, {
        actionId: String(button?.['action_id']),
        value: String(button?.['value']),
        responseUrl: h.slack.responseUrl(id),
        channelId: channel,
        ...who,
        ...(messageTs ? { messageTs, ephemeral: false } : {}),
      });
      return id;
    },
    /** The clicker's answer to click `id`, once it came. */
    async answerTo(id: string): Promise<Posted> {
      await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
      return (h.slack.responses.find((r) => r.id === id)?.body ?? {}) as Posted;
    },
    /** Waits until `find()` shows a claim line naming `name`. */
    claimShows: (find: () => Posted | undefined, name: string) =>
      h.slack.waitFor(() =>
        blocksOf(find()).some((b) => b.block_id === 'claim' && JSON.stringify(b).includes(name)),
      ),
  };
}
