import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describeAlertStoreContract } from '../contract/alert-store.contract.js';
import { createSqliteAlertStore } from './sqlite-alert-store.js';
import { openSqliteDatabase } from './sqlite-article-store.js';

describeAlertStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-alerts-'));
  const path = join(dir, 'brief.db');
  const opened: Database.Database[] = [];
  const store = () => {
    const db = openSqliteDatabase(path);
    opened.push(db);
    return createSqliteAlertStore(db);
  };
  return {
    alerts: store(),
    reopen: async () => store(),
    async dispose() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
