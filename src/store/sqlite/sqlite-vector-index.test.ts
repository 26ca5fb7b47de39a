import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describeVectorIndexContract } from '../contract/vector-index.contract.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteVectorIndex } from './sqlite-vector-index.js';

describeVectorIndexContract('sqlite-vec', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-vec-'));
  const path = join(dir, 'brief.db');
  const opened: Database.Database[] = [openSqliteDatabase(path)];
  return {
    index: createSqliteVectorIndex(opened[0] as Database.Database),
    async reopen() {
      const db = openSqliteDatabase(path);
      opened.push(db);
      return createSqliteVectorIndex(db);
    },
    async dispose() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
