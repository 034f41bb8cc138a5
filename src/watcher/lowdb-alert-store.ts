import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { StateFileError } from '../shared/errors.js';
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
  const file = new JSONFile<WatcherState>(path);
  const db = new Low<WatcherState>(file, emptyState());
  let directory: Promise<unknown> | undefined;
  const ensureDirectory = () => (directory ??= mkdir(dirname(path), { recursive: true }));
  return {
    async load() {
      await ensureDirectory().catch((cause: unknown) => {
        throw unwritable(path, cause);
      });
      const exists = await access(path).then(
        () => true,
        () => false,
      );
      if (!exists) return emptyState();
      let raw: unknown;
      try {
        // Read through the adapter, not db.read(): Low keeps its default data when the file holds a falsy
        // value (`null`, `false`, `0`), and a file we cannot use must be refused, not replaced.
        raw = await file.read();
      } catch (cause) {
        throw corrupt(path, 'it is not valid JSON', cause);
      }
      const parsed = watcherStateSchema.safeParse(raw);
      if (!parsed.success)
        throw corrupt(
          path,
          `it does not hold watcher state (${parsed.error.issues[0]?.message ?? 'bad shape'})`,
        );
      db.data = parsed.data;
      return parsed.data;
    },
    async save(state) {
      try {
        await ensureDirectory();
        db.data = state;
        await db.write();
      } catch (cause) {
        throw unwritable(path, cause);
      }
    },
  };
}

function corrupt(path: string, why: string, cause?: unknown): StateFileError {
  return new StateFileError(
    `DATA_FILE ${path} cannot be used: ${why}. It was left untouched; move it aside (or fix it) and start again.`,
    { cause },
  );
}

function unwritable(path: string, cause: unknown): StateFileError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new StateFileError(
    `DATA_FILE ${path} cannot be written (${why}). Give the bot write access to its folder, or point DATA_FILE elsewhere.`,
    { cause },
  );
}
