import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleChat } from '../../../src/console/console-chat.js';
import { createConsolePrinter } from '../../../src/console/console-printer.js';

describe('the console chat’s uploads', () => {
  it('writes the file into its folder, names it, and says the chat showed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-chat-'));
    let out = '';
    const printer = createConsolePrinter({ write: (t) => (out += t), color: false });
    try {
      const chat = createConsoleChat(printer, () => 0, { filesDir: join(dir, 'data') });
      const bytes = Buffer.from([137, 80, 78, 71]);
      const result = await chat.uploadFile?.({
        filename: 'digest-2025-11-20.png',
        title: 'Sessions per day',
        altText: 'chart',
        bytes,
      });
      const path = join(dir, 'data', 'digest-2025-11-20.png');
      expect(result).toEqual({ fileId: path, shownByChat: true });
      expect(readFileSync(path)).toEqual(bytes);
      expect(out).toContain(`Sessions per day: chart written to ${path}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no uploads without a folder', () => {
    const printer = createConsolePrinter({ write: () => undefined, color: false });
    expect(createConsoleChat(printer, () => 0).uploadFile).toBeUndefined();
  });
});
