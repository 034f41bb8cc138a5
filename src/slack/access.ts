import type { SlackConfig } from '../config/load-config.js';

/** Whether a user in a channel may use the bot; both lists are optional and both must allow when set. */
export function isAllowed(
  access: Pick<SlackConfig, 'allowedChannels' | 'allowedUsers'>,
  userId: string,
  /** Absent for the App Home tab, which is no channel: only the user rule applies there. */
  channelId: string | undefined,
): boolean {
  const channelOk =
    channelId === undefined || !access.allowedChannels?.length || access.allowedChannels.includes(channelId);
  const userOk = !access.allowedUsers?.length || access.allowedUsers.includes(userId);
  return channelOk && userOk;
}

/** The polite refusal for people outside ALLOWED_CHANNELS / ALLOWED_USERS. */
export const NOT_ALLOWED_TEXT =
  'Sorry, this Veeam bot is not enabled for you in this channel. Ask your Slack admin.';
