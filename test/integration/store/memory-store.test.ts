import { localStateStore } from '../../../src/store/state-store.js';
import { createMemoryAlertStore } from '../../../src/watcher/alert-store.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('memory', async () => {
  const store = localStateStore(createMemoryAlertStore());
  return { open: () => store, cleanup: async () => undefined };
});
