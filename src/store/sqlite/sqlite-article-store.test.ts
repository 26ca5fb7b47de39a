import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../core/article.js';
import {
  emptyIngestReport,
  ingestBatch,
  ingestDraft,
  ingestDrafts,
  WRITE_GROUP,
} from '../../core/ingest-articles.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { articleIdFor, createSqliteArticleStore, openSqliteDatabase } from './sqlite-article-store.js';

const makeDraft = (overrides: Partial<ArticleDraft> = {}): ArticleDraft => ({
  origin: 'news/budget.txt',
  title: 'Council passes budget',
  source: 'The Daily',
  url: null,
  publishedAt: '2024-05-01T00:00:00.000Z',
  text: 'The council approved the budget on Tuesday. Transit funding rose by 5%.\n\nThe mayor welcomed the vote.',
  ...overrides,
});

function setup() {
  const db = openSqliteDatabase(':memory:');
  const store = createSqliteArticleStore(db);
  const clock = fixedClock();
  const ingest = (draft: ArticleDraft) => {
    const report = emptyIngestReport();
    const id = ingestDraft(store, clock, draft, report);
    return { report, id };
  };
  return { db, store, clock, ingest };
}

describe('SqliteArticleStore', () => {
  it('stores an article once: the same content again is unchanged, from any origin', () => {
    const { store, ingest } = setup();
    expect(ingest(makeDraft()).report.added).toBe(1);
    expect(ingest(makeDraft()).report.unchanged).toBe(1);
    expect(ingest(makeDraft({ origin: 'mirror/budget.txt' })).report.unchanged).toBe(1);
    expect(store.stats().articles).toBe(1);
  });

  it('updates changed content from the same origin in place, keeping its id and replacing its passages', () => {
    const { store, ingest } = setup();
    const first = ingest(makeDraft()).id;
    const second = ingest(makeDraft({ text: 'The council rejected the budget on Friday after a walkout.' }));
    expect(second.report.updated).toBe(1);
    expect(second.id).toBe(first);
    expect(store.stats()).toMatchObject({ articles: 1 });
    expect(store.searchPassages({ terms: ['approv'], limit: 5 })).toEqual([]);
    expect(store.searchPassages({ terms: ['reject'], limit: 5 })).toHaveLength(1);
  });

  it('ranks passages by BM25 and returns them with their article', () => {
    const { store, ingest } = setup();
    ingest(makeDraft());
    ingest(
      makeDraft({
        origin: 'b.txt',
        title: 'Weather',
        text: 'Rain is expected on Tuesday across the region today.',
      }),
    );
    const hits = store.searchPassages({ terms: ['transit', 'fund'], limit: 5 });
    expect(hits[0]?.article.title).toBe('Council passes budget');
    expect(hits[0]?.passage.text).toContain('Transit funding rose');
  });

  it('leaves the stored version intact when writing an article fails midway', () => {
    const { db, store, ingest } = setup();
    const id = ingest(makeDraft()).id as string;
    // Make the passage insert fail after the article row has been updated.
    db.exec(
      `CREATE TRIGGER fail_passages BEFORE INSERT ON passages BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const { report } = ingest(
      makeDraft({ text: 'A completely different story about the harbour and its ships.' }),
    );
    expect(report.failed[0]?.error).toMatch(/disk full/);
    expect(store.getArticle(id)?.text).toContain('The council approved the budget');
    expect(store.getPassages(id).length).toBeGreaterThan(0);
    expect(store.searchPassages({ terms: ['budget'], limit: 5 })).not.toHaveLength(0);
  });

  it('writes a group of articles together, and a failing one inside a batch is rolled back alone', () => {
    const { db, store, clock } = setup();
    db.exec(
      `CREATE TRIGGER fail_harbour BEFORE INSERT ON passages WHEN NEW.text LIKE '%harbour%'
       BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const drafts = [
      makeDraft({ origin: 'a.txt' }),
      makeDraft({ origin: 'b.txt', text: 'The harbour reopened to ships after the storm.' }),
      makeDraft({ origin: 'c.txt', text: 'Rain is expected on Tuesday across the region today.' }),
    ];
    const report = emptyIngestReport();
    store.inBatch(() => ingestDrafts(store, clock, drafts, report));
    expect(report).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect(report.failed).toEqual([{ origin: 'b.txt', error: 'could not store: disk full' }]);
    expect(store.stats().articles).toBe(2);
    expect(store.stats().passages).toBe(store.getPassages(articleIdFor('a.txt')).length + 1);
    expect(store.getArticle(articleIdFor('b.txt'))).toBeNull();
    expect(store.searchPassages({ terms: ['harbour'], limit: 5 })).toEqual([]);
    expect(store.searchPassages({ terms: ['rain'], limit: 5 })).toHaveLength(1);
  });

  it('reports the whole batch as failed when SQLite rolls the batch back, keeping what was stored before', () => {
    const { db, store, clock, ingest } = setup();
    const kept = ingest(makeDraft()).id as string;
    // RAISE(ROLLBACK) undoes the whole transaction, as a full disk or an I/O error does.
    db.exec(
      `CREATE TRIGGER lose_batch BEFORE INSERT ON passages WHEN NEW.text LIKE '%harbour%'
       BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END`,
    );
    const drafts = Array.from({ length: WRITE_GROUP + 50 }, (_, i) =>
      makeDraft({
        origin: `n${i}.txt`,
        title: `Story ${i}`,
        text: i === WRITE_GROUP + 10 ? 'The harbour reopened.' : `Item number ${i} was reported today.`,
      }),
    );
    const report = emptyIngestReport();
    report.added = 7; // counted by earlier batches: kept as they were
    ingestBatch(store, clock, drafts, report);
    expect(report).toMatchObject({ added: 7, updated: 0, unchanged: 0 });
    expect(report.failed).toHaveLength(drafts.length);
    expect(report.failed[0]).toEqual({
      origin: 'n0.txt',
      error: 'could not store: database or disk is full',
    });
    expect(store.stats().articles).toBe(1);
    expect(store.getArticle(kept)?.text).toContain('The council approved the budget');
    expect(db.inTransaction).toBe(false);
  });

  it('writes groups larger than one write group, in order, each outcome counted', () => {
    const { store, clock } = setup();
    const drafts = Array.from({ length: WRITE_GROUP + 5 }, (_, i) =>
      makeDraft({ origin: `n${i}.txt`, title: `Story ${i}`, text: `Item number ${i} was reported today.` }),
    );
    const report = emptyIngestReport();
    store.inBatch(() => ingestDrafts(store, clock, [...drafts, drafts[0] as ArticleDraft], report));
    expect(report).toEqual({ added: WRITE_GROUP + 5, updated: 0, unchanged: 1, failed: [], warnings: [] });
    expect(store.stats().articles).toBe(WRITE_GROUP + 5);
  });

  it('reports counts, outlets and the published date range', () => {
    const { store, ingest } = setup();
    ingest(makeDraft());
    ingest(
      makeDraft({
        origin: 'c.txt',
        source: null,
        publishedAt: null,
        text: 'Another piece of news entirely here.',
      }),
    );
    expect(store.stats()).toMatchObject({
      articles: 2,
      outlets: [
        { source: null, articles: 1 },
        { source: 'The Daily', articles: 1 },
      ],
      publishedRange: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-01T00:00:00.000Z' },
    });
  });

  it('counts document frequencies for IDF', () => {
    const { store, ingest } = setup();
    ingest(makeDraft());
    const { total, frequencies } = store.documentFrequencies(['budget', 'nonexistent']);
    expect(total).toBe(store.stats().passages);
    // "budget" is in the title, which every passage row of the article carries.
    expect(frequencies.get('budget')).toBe(total);
    expect(frequencies.get('nonexistent')).toBe(0);
  });
});
