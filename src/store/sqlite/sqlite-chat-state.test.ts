import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeChatStateContract } from '../contract/chat-state.contract.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteChatState } from './sqlite-chat-state.js';

// Each handle is its own connection to one file, as two bot processes on one data folder are.
describeChatStateContract('SQLite (two connections to one file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-chat-state-'));
  const file = join(dir, 'briefbot.sqlite');
  const connections: ReturnType<typeof openSqliteDatabase>[] = [];
  return {
    async open() {
      const db = openSqliteDatabase(file);
      connections.push(db);
      return createSqliteChatState(db);
    },
    async dispose() {
      for (const db of connections) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
