import type { ChatPort } from '../watcher/chat-port.js';
import type { Leadership } from './leadership.js';

/**
 * The watcher's chat port behind the lease: every post and update first checks this replica still leads, so
 * an old leader that wakes from a pause past LEASE_TTL posts nothing (LeaseLostError, and it steps down).
 * Reading the history (settling) is allowed to anyone.
 */
export function leaderOnlyChat(chat: ChatPort, leadership: Leadership): ChatPort {
  return {
    ...chat,
    post: async (message) => {
      leadership.assertLeader();
      return chat.post(message);
    },
    update: async (message) => {
      leadership.assertLeader();
      return chat.update(message);
    },
    findPosted: (channel, keys, options) => chat.findPosted(channel, keys, options),
    ...(chat.canPost ? { canPost: chat.canPost.bind(chat) } : {}),
  };
}
