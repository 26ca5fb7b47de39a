import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../core/article.js';
import { emptyIngestReport, ingestBatch, ingestDraft, WRITE_GROUP } from '../../core/ingest-articles.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { describeArticleStoreContract, makeArticleDraft } from '../contract/article-store.contract.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { createSqliteArticleStore, openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteConversationStore } from './sqlite-conversation-store.js';

describeArticleStoreContract('SQLite', async () => {
  const db = openSqliteDatabase(':memory:');
  let triggers = 0;
  return {
    store: createSqliteArticleStore(db),
    async failPassagesContaining(fragment) {
      db.exec(
        `CREATE TRIGGER fail_${++triggers} BEFORE INSERT ON passages WHEN instr(NEW.text, '${fragment.replaceAll("'", "''")}') > 0
         BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
    },
  };
});

describe('SqliteArticleStore', () => {
  it('gives articles stored before sources were recorded the source their origin tells (migration 7)', async () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 7),
    );
    const insert = db.prepare(
      `INSERT INTO articles (id, origin, content_hash, title, text, first_ingested_at, ingested_at)
       VALUES (?, ?, ?, 'T', 'x', '2026-01-01', '2026-01-01')`,
    );
    const origins = ['seeds/003_a.txt', 'news.json#4f2a', 'notes#2.txt', 'https://news.example/a'];
    for (const [i, origin] of origins.entries()) insert.run(`id${i}`, origin, `h${i}`);
    expect(migrate(db)).toBe(MIGRATIONS.length - 6);
    const sources = await createSqliteArticleStore(db).storedSources(origins);
    expect(origins.map((o) => sources.get(o)?.source)).toEqual([
      { kind: 'file', input: 'seeds/003_a.txt' },
      { kind: 'record', input: 'news.json' },
      { kind: 'file', input: 'notes#2.txt' },
      null,
    ]);
    db.close();
  });

  it('reports the whole transaction as failed when SQLite rolls it back, keeping what was stored before', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteArticleStore(db);
    const clock = fixedClock();
    const kept = (await ingestDraft(store, clock, makeArticleDraft(), emptyIngestReport())) as string;
    // RAISE(ROLLBACK) undoes the whole transaction, as a full disk or an I/O error does.
    db.exec(
      `CREATE TRIGGER lose_batch BEFORE INSERT ON passages WHEN NEW.text LIKE '%harbour%'
       BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END`,
    );
    const drafts: ArticleDraft[] = Array.from({ length: WRITE_GROUP + 50 }, (_, i) =>
      makeArticleDraft({
        origin: `n${i}.txt`,
        title: `Story ${i}`,
        text: i === WRITE_GROUP + 10 ? 'The harbour reopened.' : `Item number ${i} was reported today.`,
      }),
    );
    const report = emptyIngestReport();
    report.added = 7; // counted by earlier batches: kept as they were
    await ingestBatch(store, clock, drafts, report);
    expect(report).toMatchObject({ added: 7, updated: 0, unchanged: 0 });
    expect(report.failed).toHaveLength(drafts.length);
    expect(report.failed[0]).toEqual({
      origin: 'n0.txt',
      error: 'could not store: database or disk is full',
    });
    expect((await store.stats()).articles).toBe(1);
    expect((await store.getArticle(kept))?.text).toContain('The council approved the budget');
    expect(db.inTransaction).toBe(false);
    // The store is usable afterwards: the lock was released and no transaction is left open.
    await ingestBatch(store, clock, [makeArticleDraft({ origin: 'later.txt', text: 'Later news.' })], report);
    expect((await store.stats()).articles).toBe(2);
    await store.close();
  });

  it('makes another store on the same connection wait for an open transaction', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteArticleStore(db);
    const conversations = createSqliteConversationStore(db);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: boolean[] = [];
    const tx = store.inTransaction(async (t) => {
      await t.upsertArticles([]);
      await gate;
      // Rolled back: the turn appended meanwhile must not be written inside this transaction.
      throw new Error('abandoned');
    });
    await Promise.resolve();
    const append = conversations
      .appendTurn('k', { question: 'q', answer: 'a' }, '2026-01-01T00:00:00.000Z')
      .then(() => {
        seen.push(db.inTransaction);
      });
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(seen).toEqual([]);
    release();
    await expect(tx).rejects.toThrow('abandoned');
    await append;
    expect(seen).toEqual([false]);
    expect(await conversations.hasConversation('k')).toBe(true);
    await store.close();
  });
});
