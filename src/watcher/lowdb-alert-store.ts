import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { AppError, ErrorCode } from '../shared/errors.js';
import type { AlertStore } from './alert-store.js';
import { emptyState, type WatcherState } from './state.js';
import { watcherStateSchema } from './state-schema.js';

/**
 * The state in a JSON file through lowdb, whose writer replaces the file atomically (temp file + rename).
 * Built with `new Low(new JSONFile(...))`, not JSONFilePreset, which silently keeps everything in memory when
 * NODE_ENV is `test`. A file that cannot be read or has the wrong shape stops the bot and is left as it is:
 * starting empty would alert again, or never, what the file remembered.
 */
export function createLowdbAlertStore(path: string): AlertStore {
  const db = new Low<WatcherState>(new JSONFile<WatcherState>(path), emptyState());
  return {
    async load() {
      await mkdir(dirname(path), { recursive: true });
      const exists = await access(path).then(
        () => true,
        () => false,
      );
      if (!exists) return emptyState();
      try {
        await db.read();
      } catch (cause) {
        throw corrupt(path, 'it is not valid JSON', cause);
      }
      const parsed = watcherStateSchema.safeParse(db.data);
      if (!parsed.success)
        throw corrupt(
          path,
          `it does not hold watcher state (${parsed.error.issues[0]?.message ?? 'bad shape'})`,
        );
      return parsed.data;
    },
    async save(state) {
      db.data = state;
      await db.write();
    },
  };
}

function corrupt(path: string, why: string, cause?: unknown): AppError {
  return new AppError(
    ErrorCode.StateFile,
    `DATA_FILE ${path} cannot be used: ${why}. It was left untouched; move it aside (or fix it) and start again.`,
    { cause },
  );
}
