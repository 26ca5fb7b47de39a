import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteConversationStore } from './sqlite-conversation-store.js';
import { createSqliteSubscriptionStore } from './sqlite-subscription-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite migrations', () => {
  it('upgrade a database file at the previous schema version on open, keeping what it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-migrate-'));
    dirs.push(dir);
    const path = join(dir, 'briefbot.sqlite');
    const old = new Database(path);
    expect(migrate(old, MIGRATIONS.slice(0, -1))).toBe(MIGRATIONS.length - 1);
    await createSqliteConversationStore(old).appendTurn(
      'slack:T:C:1',
      { question: 'q', answer: 'a' },
      '2026-01-01T00:00:00.000Z',
    );
    const { subscription } = await createSqliteSubscriptionStore(old).upsert(
      {
        platform: 'slack',
        workspaceId: 'T1',
        channelId: 'C1',
        schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'UTC' },
        topic: null,
        quietWhenEmpty: false,
        createdBy: 'U1',
      },
      '2026-01-01T00:00:00.000Z',
    );
    old.close();

    const applied: number[] = [];
    const db = openSqliteDatabase(path, (count) => applied.push(count));
    try {
      expect(applied).toEqual([1]);
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      expect(await createSqliteConversationStore(db).recentTurns('slack:T:C:1', 6)).toEqual([
        { question: 'q', answer: 'a' },
      ]);
      expect(await createSqliteSubscriptionStore(db).get(subscription.id)).toEqual(subscription);
    } finally {
      db.close();
    }
    const again: number[] = [];
    openSqliteDatabase(path, (count) => again.push(count)).close();
    expect(again).toEqual([0]);
  });
});
