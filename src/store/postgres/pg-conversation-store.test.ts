import { describe } from 'vitest';
import { describeConversationStoresContract } from '../contract/conversation-store.contract.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL conversation stores', () => {
  describeConversationStoresContract('PostgreSQL', async () => {
    const stores = await openPgTestStores();
    return { conversations: stores.conversations, feedback: stores.feedback, dispose: stores.dispose };
  });
});
