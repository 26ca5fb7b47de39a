/**
 * @module store/postgres/pg-test-stores
 * Test support: a fresh PostgreSQL database with every store on it (see testing/pg-test-database.ts).
 */
import type pg from 'pg';
import { createPgArticleStore } from '../pg-article-store.js';
import { createPgConversationStore, createPgFeedbackStore } from '../pg-conversation-store.js';
import { openPostgresPool } from '../pg-database.js';
import { createPgDigestRunStore, createPgSubscriptionStore } from '../pg-subscription-store.js';
import { createTestDatabase } from './pg-test-database.js';

export async function openPgTestStores() {
  const database = await createTestDatabase();
  const pools: pg.Pool[] = [];
  const connect = async () => {
    const pool = await openPostgresPool({ url: database.url, max: 4 });
    pools.push(pool);
    return pool;
  };
  const pool = await connect();
  return {
    url: database.url,
    pool,
    connect,
    articles: createPgArticleStore(pool),
    conversations: createPgConversationStore(pool),
    feedback: createPgFeedbackStore(pool),
    subs: createPgSubscriptionStore(pool),
    runs: createPgDigestRunStore(pool),
    async dispose() {
      for (const p of pools.splice(0)) await p.end().catch(() => {});
      await database.drop();
    },
  };
}
