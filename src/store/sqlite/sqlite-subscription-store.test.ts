import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describeDigestStoresContract } from '../contract/digest-stores.contract.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteDigestRunStore, createSqliteSubscriptionStore } from './sqlite-subscription-store.js';

describeDigestStoresContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-runs-'));
  const path = join(dir, 'brief.db');
  const opened: Database.Database[] = [];
  const stores = () => {
    const db = openSqliteDatabase(path);
    opened.push(db);
    return { subs: createSqliteSubscriptionStore(db), runs: createSqliteDigestRunStore(db) };
  };
  return {
    ...stores(),
    reopen: async () => stores(),
    async dispose() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
