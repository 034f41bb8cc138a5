import { SlackApiError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildErrorView } from '../views/error-view.js';
import { ActionId } from '../views/ids.js';
import { buildSharedCopyView, isErrorAnswer } from '../views/shared-copy-view.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { FailoverFollowPort } from '../watcher/failovers.js';
import { failoverProgress, followLink } from './actions.js';
import { claimIncident, takeOverIncident } from './handlers/claim.js';
import { isReportCommand, shareReport } from './handlers/report.js';
import { offerSnooze, snoozeFor } from './handlers/snooze.js';
import { requestJobAction } from './job-actions/request-action.js';
import { replyForError, runCommand } from './run-command.js';
import type { CommandContext, CommandDeps } from './types.js';

/** One click of a button, as Slack and the console both see it. */
export interface ButtonClick {
  /** The button's value (an href, a command text). */
  value: string;
  context: CommandContext;
  /** The clicked message when it is a channel message (it can be updated in place); absent when ephemeral. */
  messageTs?: string;
  /** The clicker's name as text (claims show it without a mention, so nobody is pinged). */
  userName?: string;
  /** Slack's trigger_id of the click, to open a modal with. */
  triggerId?: string;
}

/** How a button answers: to the clicker only, or through the chat port and the watcher's followed set. */
export interface ButtonIo {
  /** Answers the clicker only (Slack: an ephemeral message); `replaceOriginal` replaces the clicked one. */
  reply(message: SlackMessage, options?: { replaceOriginal?: boolean }): Promise<void>;
  /** Removes the clicked ephemeral message (after a share); nothing to do in the console. */
  dismiss(): Promise<void>;
  chat: ChatPort;
  follow: FailoverFollowPort;
}

/** A button's work: a message for the clicker, or an effect (a share, a followed message). */
export type ButtonHandler = (click: ButtonClick, deps: CommandDeps, io: ButtonIo) => Promise<void>;

/** The one table of button actions, by the base action id the views use; Bolt and the console dispatch it. */
export const BUTTON_ACTIONS: Readonly<Partial<Record<string, ButtonHandler>>> = {
  [ActionId.FOLLOW_LINK]: async (click, deps, io) => io.reply(await followLink(click.value, deps)),
  [ActionId.PICK_SUGGESTION]: async (click, deps, io) =>
    io.reply(await runCommand(click.value, click.context, deps), { replaceOriginal: true }),
  [ActionId.SHARE_IN_CHANNEL]: shareInChannel,
  [ActionId.FOLLOW_FAILOVER]: followFailover,
  [ActionId.CLAIM]: claimIncident,
  [ActionId.TAKE_OVER]: takeOverIncident,
  [ActionId.SNOOZE]: offerSnooze,
  [ActionId.SNOOZE_FOR]: snoozeFor,
  [ActionId.JOB_ACTION]: requestJobAction,
};

/** The handler of an action id (`base` or `base:n`), or undefined for buttons with no work (url buttons). */
export function buttonHandlerFor(actionId: string): ButtonHandler | undefined {
  return BUTTON_ACTIONS[actionId.split(':')[0] ?? ''];
}

/**
 * `Share in channel`: run the command again and post its answer to the channel, without a Share button and
 * with who shared it under it. An error answer is never posted: the clicker gets it instead.
 */
async function shareInChannel(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  if (isReportCommand(click.value)) return shareReportOrSay(click, deps, io);
  const answer = await runCommand(click.value, click.context, deps);
  if (isErrorAnswer(answer)) return io.reply(answer);
  const { channelId, userId } = click.context;
  try {
    await io.chat.post({ channel: channelId, ...buildSharedCopyView(answer, { sharedBy: userId }) });
  } catch (error) {
    return io.reply(couldNotPost(error, channelId, deps.logger));
  }
  await io.dismiss();
}

/** A report's share (with its chart); EM trouble and a refused post answer the clicker. */
async function shareReportOrSay(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  try {
    await shareReport(click, deps, io);
  } catch (error) {
    if (error instanceof SlackApiError)
      return io.reply(couldNotPost(error, click.context.channelId, deps.logger));
    return io.reply(replyForError(error, deps.logger, { action: 'share_report' }));
  }
}

/** `Follow` on a failover: post (or update) a channel message with its live view; the watcher keeps it current. */
async function followFailover(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  let progress;
  try {
    progress = await failoverProgress(click.value, deps);
  } catch (error) {
    return io.reply(replyForError(error, deps.logger, { action: 'follow_failover' }));
  }
  const { message, session } = progress;
  if (!session) return io.reply(message);
  const channel = click.context.channelId;
  let ts = click.messageTs;
  try {
    if (ts) await io.chat.update({ channel, ts, ...message });
    else ts = (await io.chat.post({ channel, ...message })).ts;
  } catch (error) {
    return io.reply(couldNotPost(error, channel, deps.logger));
  }
  if (!progress.finished) await io.follow.follow({ uid: session.uid, href: session.href, channel, ts });
}

/** The clicker's answer when the bot cannot write in the channel, and a log line naming the channel. */
function couldNotPost(error: unknown, channel: string, logger: Logger): SlackMessage {
  const code = error instanceof SlackApiError ? error.slackCode : undefined;
  logger.warn({ channel, code, err: String(error) }, 'could not post a button’s message in the channel');
  if (code === 'not_in_channel' || code === 'channel_not_found')
    return buildErrorView('I could not post in this channel; invite me with /invite and try again.');
  if (code === 'is_archived') return buildErrorView('This channel is archived; I cannot post in it.');
  return buildErrorView(`Slack refused the message (${code ?? 'unknown error'}); try again later.`);
}
