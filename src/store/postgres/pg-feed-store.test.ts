import { describe } from 'vitest';
import { describeFeedStoreContract } from '../contract/feed-store.contract.js';
import { createPgFeedStore } from './pg-feed-store.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL feed store', () => {
  describeFeedStoreContract('PostgreSQL', async () => {
    const stores = await openPgTestStores();
    return {
      feeds: createPgFeedStore(stores.pool),
      // Another pool: another process's connections to the same database.
      reopen: async () => createPgFeedStore(await stores.connect()),
      dispose: stores.dispose,
    };
  });
});
