import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localStateStore } from '../../../src/store/state-store.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('lowdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'veeam-bot-store-'));
  const claims = localStateStore(createLowdbAlertStore(join(dir, 'state.json')));
  return {
    // claimOnce holds for the process: one instance answers it, the file answers load and save.
    open: () => ({
      ...localStateStore(createLowdbAlertStore(join(dir, 'state.json'))),
      claimOnce: claims.claimOnce,
    }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
