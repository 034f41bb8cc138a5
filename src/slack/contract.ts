/** The slash command the bot registers; `manifest.yml` must declare it (a test checks). */
export const SLASH_COMMAND = '/veeam';

/**
 * The bot-token scopes the code uses, each with the calls that need it; `manifest.yml` must declare
 * exactly these (a test checks) and `doctor` checks they were granted.
 */
export const REQUIRED_BOT_SCOPES: Readonly<Record<string, string>> = {
  commands: 'the /veeam slash command',
  'chat:write': 'chat.postMessage and chat.update for alerts and replies',
  'channels:history': 'conversations.history to settle alerts pending at a crash (public channels)',
  'groups:history': 'conversations.history to settle alerts pending at a crash (private channels)',
  'channels:read': 'conversations.info: is the bot in ALERT_CHANNEL (public channels)',
  'groups:read': 'conversations.info: is the bot in ALERT_CHANNEL (private channels)',
  'files:write': 'files.getUploadURLExternal and files.completeUploadExternal for the digest chart',
};

/** The bot events the app subscribes to; `manifest.yml` must declare exactly these (a test checks). */
export const REQUIRED_BOT_EVENTS: readonly string[] = ['app_home_opened'];
