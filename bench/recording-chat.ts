import type { ChatPort, OutgoingMessage } from '../src/watcher/chat-port.js';

/** A ChatPort that posts nowhere and records what it was given, with the time it was given it. */
export function createRecordingChat(): ChatPort & { posts: Array<OutgoingMessage & { at: number }> } {
  const posts: Array<OutgoingMessage & { at: number }> = [];
  let counter = 0;
  return {
    posts,
    async post(message) {
      posts.push({ ...message, at: Date.now() });
      counter += 1;
      return {
        channel: message.channel,
        ts: `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`,
      };
    },
    async update() {},
    async findPosted() {
      return new Map();
    },
  };
}
