import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../core/ingest-articles.js';
import { describeFeedStoreContract, makePollRecord } from '../contract/feed-store.contract.js';
import { createSqliteArticleStore, openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteFeedStore } from './sqlite-feed-store.js';

describeFeedStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-feeds-'));
  const path = join(dir, 'brief.db');
  const opened: Database.Database[] = [];
  const store = () => {
    const db = openSqliteDatabase(path);
    opened.push(db);
    return createSqliteFeedStore(db);
  };
  return {
    feeds: store(),
    reopen: async () => store(),
    async dispose() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('createSqliteFeedStore', () => {
  it('counts the entries of a feed that are stored as articles', async () => {
    const db = openSqliteDatabase(':memory:');
    const feeds = createSqliteFeedStore(db);
    const articles = createSqliteArticleStore(db);
    const now = '2026-05-01T08:00:00.000Z';
    await feeds.add([{ url: 'https://a.example/rss', everyMs: 900_000, addedBy: 'cli' }], now);
    await feeds.claim('https://a.example/rss', 'me', 60_000, now);
    const entries = ['1', '2'].map((n) => ({ key: n, origin: `https://a.example/${n}`, fingerprint: n }));
    await feeds.recordPoll('https://a.example/rss', 'me', makePollRecord({ entries }), now);
    const text = 'The council approved the budget on Tuesday after a long debate about schools.';
    await articles.upsertArticle(
      prepareArticle({
        origin: 'https://a.example/1',
        title: 'One',
        source: 'A',
        url: null,
        publishedAt: null,
        text,
      }),
      now,
    );
    expect((await feeds.get('https://a.example/rss'))?.articles).toBe(1);
    db.close();
  });
});
