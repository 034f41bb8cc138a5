import { isAppError } from '../shared/errors.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { Metrics } from './registry.js';

/** The Slack Web API method behind each chat port operation (our own words, for a label). */
const METHODS = {
  post: 'chat.postMessage',
  update: 'chat.update',
  findPosted: 'conversations.history',
  canPost: 'conversations.info',
  openView: 'views.open',
  uploadFile: 'files.upload',
  publishView: 'views.publish',
  permalink: 'chat.getPermalink',
} as const;

/**
 * The chat port, counting every call by method and outcome; an alert post (one carrying alert metadata) also
 * counts as posted, or as failed by its Slack code.
 */
export function withChatMetrics(chat: ChatPort, metrics: Metrics): ChatPort {
  const counted =
    <A extends unknown[], R>(method: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        metrics.slackCall(method, 'ok');
        return result;
      } catch (error) {
        metrics.slackCall(method, 'error');
        throw error;
      }
    };
  const post = counted(METHODS.post, chat.post.bind(chat));
  const optional = <K extends 'canPost' | 'openView' | 'uploadFile' | 'publishView' | 'permalink'>(
    key: K,
  ) => {
    const call = chat[key];
    return call ? { [key]: counted(METHODS[key], call.bind(chat) as never) } : {};
  };
  return {
    post: async (message) => {
      if (message.metadata?.eventType !== 'veeam_alert') return post(message);
      try {
        const posted = await post(message);
        metrics.alertPosted();
        return posted;
      } catch (error) {
        metrics.alertFailed(slackCode(error));
        throw error;
      }
    },
    update: counted(METHODS.update, chat.update.bind(chat)),
    findPosted: counted(METHODS.findPosted, chat.findPosted.bind(chat)),
    ...optional('canPost'),
    ...optional('openView'),
    ...optional('uploadFile'),
    ...optional('publishView'),
    ...optional('permalink'),
  };
}

/** Slack's error code (a short word Slack defines), or our own error code; never a message. */
function slackCode(error: unknown): string {
  const code = (error as { slackCode?: unknown }).slackCode;
  if (typeof code === 'string' && /^[a-z_]{1,40}$/.test(code)) return code;
  return isAppError(error) ? String(error.code) : 'unknown';
}

/** The Web API method name in a call's URL (`.../api/chat.postMessage`), or `other`. */
export function slackMethodOf(url: string): string {
  const method = url.split('?')[0]!.split('/').pop() ?? '';
  return /^[a-z]+(\.[A-Za-z]+)+$/.test(method) ? method : 'other';
}
