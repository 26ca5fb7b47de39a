import { describe } from 'vitest';
import { describeDigestStoresContract } from '../contract/digest-stores.contract.js';
import { createPgDigestRunStore, createPgSubscriptionStore } from './pg-subscription-store.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL digest stores', () => {
  describeDigestStoresContract('PostgreSQL', async () => {
    const stores = await openPgTestStores();
    return {
      subs: stores.subs,
      runs: stores.runs,
      // Another pool: another process's connections to the same database.
      reopen: async () => {
        const pool = await stores.connect();
        return { subs: createPgSubscriptionStore(pool), runs: createPgDigestRunStore(pool) };
      },
      dispose: stores.dispose,
    };
  });
});
