import type { Logger } from '../shared/logger.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import type { ChatPort } from '../watcher/chat-port.js';

/** What routing commands (subscribe, mute and their undoing) need beyond the watcher's state. */
export interface RoutingPort {
  /** Whether the user may make wide or lasting routing changes (OPERATORS; everyone when it is unset). */
  isOperator(userId: string): Promise<boolean>;
  /** Whether OPERATORS is set at all (so answers can say who to ask). */
  readonly restricted: boolean;
  /** Whether the bot can post in the channel (it is a member). */
  canPost(channel: string): Promise<boolean>;
  /** ALERT_CHANNEL, which keeps every alert and hears of every routing change. */
  readonly alertChannel: string | undefined;
  /** Posts a routing-change announcement to ALERT_CHANNEL and the channels it concerns; never throws. */
  announce(message: SlackMessage, channels: readonly string[]): Promise<void>;
}

/**
 * Decides who is an operator from OPERATORS for routing changes. Unset means everyone, as before OPERATORS
 * existed; set, user IDs match directly and group IDs (S…) through `groupCheck` (the job actions' check, which
 * expands groups with `usergroups.users.list`) when given.
 */
export function createOperatorCheck(
  operators: readonly string[] | undefined,
  groupCheck?: (userId: string) => Promise<boolean>,
) {
  return async (userId: string): Promise<boolean> =>
    operators === undefined || operators.includes(userId) || (groupCheck ? await groupCheck(userId) : false);
}

/** The routing port over the chat the watcher posts through. */
export function createRoutingPort(deps: {
  operators: readonly string[] | undefined;
  /** Expands OPERATORS' user groups; absent: only user IDs match. */
  groupCheck?: (userId: string) => Promise<boolean>;
  alertChannel: string | undefined;
  chat: ChatPort;
  logger: Logger;
}): RoutingPort {
  const { chat, logger, alertChannel } = deps;
  return {
    isOperator: createOperatorCheck(deps.operators, deps.groupCheck),
    restricted: deps.operators !== undefined,
    alertChannel,
    canPost: async (channel) => (chat.canPost ? chat.canPost(channel) : true),
    async announce(message, channels) {
      const targets = [...new Set([alertChannel, ...channels].filter((c): c is string => Boolean(c)))];
      for (const channel of targets) {
        try {
          await chat.post({ channel, text: message.text, blocks: message.blocks });
        } catch (error) {
          // The audit log line already records the change; the announcement is for people watching.
          logger.warn({ channel, err: String(error) }, 'could not announce a routing change');
        }
      }
    },
  };
}

/** The port when none was given (tests, a bot without a chat): everyone is an operator, nothing is announced. */
export const OPEN_ROUTING: RoutingPort = {
  isOperator: async () => true,
  restricted: false,
  canPost: async () => true,
  alertChannel: undefined,
  announce: async () => undefined,
};
