import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatPort, UploadFile } from '../watcher/chat-port.js';
import type { ConsolePrinter } from './console-printer.js';

/** Where the console writes charts: `./data`, or a temp folder in the demo (which keeps nothing on disk). */
export function consoleFilesDir(demo: boolean): string {
  return demo ? join(tmpdir(), 'veeam-slack-bot') : join('.', 'data');
}

/** Posts the console remembers for `findPosted` (settling what a poll left pending): the newest this many. */
export const POSTS_KEPT = 2_000;

/** Writes an "uploaded" file (a digest chart) into `dir` and prints its path; the path is its file id. */
async function writeUpload(
  printer: ConsolePrinter,
  dir: string,
  file: UploadFile,
): Promise<{ fileId: string; shownByChat: true }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, file.filename.replace(/[^\w.-]/g, '_'));
  await writeFile(path, file.bytes);
  printer.line(`${file.title}: chart written to ${path}`);
  return { fileId: path, shownByChat: true };
}

/**
 * The watcher's chat in local mode: each post is printed with the channel it would go to; updates are printed
 * again marked as updates; with `filesDir`, uploads (the digest chart) are written there and named. It remembers what it "posted" this run, so settling pending alerts works the same.
 */
export function createConsoleChat(
  printer: ConsolePrinter,
  now: () => number,
  options: { filesDir?: string } = {},
): ChatPort {
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
      if (posted.length > POSTS_KEPT) posted.splice(0, posted.length - POSTS_KEPT);
      const where = message.threadTs ? `#${message.channel} (in thread)` : `#${message.channel}`;
      printer.print(message, `${where} · ${new Date(now()).toISOString()}`, { channel: message.channel, ts });
      return { channel: message.channel, ts };
    },
    async update(message) {
      printer.print(message, `#${message.channel} · message updated`, {
        channel: message.channel,
        ts: message.ts,
      });
    },
    ...(options.filesDir
      ? { uploadFile: (file: UploadFile) => writeUpload(printer, options.filesDir as string, file) }
      : {}),
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
