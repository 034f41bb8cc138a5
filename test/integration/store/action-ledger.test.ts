import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import {
  AUDIT_RETENTION_MS,
  createPostgresActionLedger,
} from '../../../src/store/postgres/postgres-action-ledger.js';
import { createStateActionLedger } from '../../../src/store/state-action-ledger.js';
import { createMemoryAlertStore } from '../../../src/watcher/alert-store.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { emptyState } from '../../../src/watcher/state.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';
import { describeActionLedgerContract, ledgerOverStore } from './action-ledger-contract.js';

describeActionLedgerContract('memory', async () => {
  // One process, one state: every instance is the same watcher's state.
  const state = emptyState();
  const store = createMemoryAlertStore();
  const open = async () => createStateActionLedger({ state: () => state, persist: () => store.save(state) });
  return {
    open,
    racers: async () => [await open(), await open()],
    cleanup: async () => undefined,
  };
});

describeActionLedgerContract('lowdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'veeam-bot-ledger-'));
  const path = join(dir, 'state.json');
  return {
    // A reopen is a restart: the file read again.
    open: () => ledgerOverStore(createLowdbAlertStore(path)),
    // A lowdb file has one process: the race is between two callers on its one loaded state.
    racers: async () => {
      const ledger = await ledgerOverStore(createLowdbAlertStore(path));
      return [ledger, ledger];
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describeActionLedgerContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const dbs: Db[] = [openTestDb(database.url)];
  await migrate(dbs[0]!);
  const open = async () => {
    const db = openTestDb(database.url);
    dbs.push(db);
    return createPostgresActionLedger(db);
  };
  return {
    open,
    racers: async () => [await open(), await open()],
    cleanup: async () => {
      for (const db of dbs) await db.end();
      await database.drop();
    },
  };
});

describe('PostgreSQL action ledger retention', () => {
  it('drops audit entries older than 90 days when a new one is kept', async () => {
    const database = await createTestDatabase();
    const db = openTestDb(database.url);
    try {
      await migrate(db);
      const ledger = createPostgresActionLedger(db);
      const old = { at: 1_000, user: 'U1', job: 'Nightly', action: 'retry', outcome: 'confirmed' };
      await ledger.record(old);
      await ledger.record({ ...old, at: 1_000 + AUDIT_RETENTION_MS - 1, outcome: 'accepted' });
      expect((await ledger.history(10)).map((e) => e.outcome)).toEqual(['confirmed', 'accepted']);

      await ledger.record({ ...old, at: 1_001 + AUDIT_RETENTION_MS, outcome: 'session_finished' });
      expect((await ledger.history(10)).map((e) => e.outcome)).toEqual(['accepted', 'session_finished']);
    } finally {
      await db.end();
      await database.drop();
    }
  });
});
