import { describe } from 'vitest';
import { describeArticleStoreContract } from '../contract/article-store.contract.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

const skip = pgSkipReason();

describe.skipIf(skip)('PostgreSQL article store', () => {
  let triggers = 0;
  describeArticleStoreContract(
    'PostgreSQL',
    async () => {
      const stores = await openPgTestStores();
      return {
        store: stores.articles,
        async failPassagesContaining(fragment) {
          const name = `fail_${++triggers}`;
          const literal = `'${fragment.replaceAll("'", "''")}'`;
          await stores.pool.query(
            `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF position(${literal} in NEW.text) > 0 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
             CREATE TRIGGER ${name} BEFORE INSERT ON passages FOR EACH ROW EXECUTE FUNCTION ${name}();`,
          );
        },
        dispose: stores.dispose,
      };
    },
    { concurrentTransactions: true },
  );
});
