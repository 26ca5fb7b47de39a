import { describe } from 'vitest';
import { describeAlertStoreContract } from '../contract/alert-store.contract.js';
import { createPgAlertStore } from './pg-alert-store.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL alert store', () => {
  describeAlertStoreContract('PostgreSQL', async () => {
    const stores = await openPgTestStores();
    return {
      alerts: createPgAlertStore(stores.pool),
      // Another pool: another process's connections to the same database.
      reopen: async () => createPgAlertStore(await stores.connect()),
      dispose: stores.dispose,
    };
  });
});
