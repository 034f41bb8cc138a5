import type { ChatPort } from '../watcher/chat-port.js';
import type { ConsolePrinter } from './console-printer.js';

/**
 * The watcher's chat in local mode: each post is printed with the channel it would go to; updates are printed
 * again marked as updates. It remembers what it "posted" this run, so settling pending alerts works the same.
 */
export function createConsoleChat(printer: ConsolePrinter, now: () => number): ChatPort {
  let counter = 0;
  const posted: Array<{ channel: string; ts: string; key?: string; threadTs?: string }> = [];
  return {
    async post(message) {
      counter += 1;
      const ts = `${Math.floor(now() / 1000)}.${String(counter).padStart(6, '0')}`;
      posted.push({
        channel: message.channel,
        ts,
        ...(message.metadata ? { key: message.metadata.key } : {}),
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      });
      const where = message.threadTs ? `#${message.channel} (in thread)` : `#${message.channel}`;
      printer.print(message, `${where} · ${new Date(now()).toISOString()}`);
      return { channel: message.channel, ts };
    },
    async update(message) {
      printer.print(message, `#${message.channel} · message updated`);
    },
    // The console prints everything on one screen: every channel is postable.
    canPost: async () => true,
    async findPosted(channel, keys, { threadTs }) {
      const found = new Map<string, string>();
      for (const entry of posted) {
        if (
          entry.channel === channel &&
          entry.key &&
          keys.has(entry.key) &&
          (threadTs === undefined || entry.threadTs === threadTs)
        ) {
          found.set(entry.key, entry.ts);
        }
      }
      return found;
    },
  };
}
