/**
 * @module store/contract/article-store.contract
 * The ArticleStore contract: what every implementation (SQLite, memory, PostgreSQL) must do, as one
 * vitest suite run against each (`describeArticleStoreContract(name, factory)` in its test file).
 */
import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../core/article.js';
import {
  contentHashOf,
  emptyIngestReport,
  ingestBatch,
  ingestDraft,
  ingestDrafts,
  WRITE_GROUP,
} from '../../core/ingest-articles.js';
import type { ArticleStore } from '../../core/ports.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { articleIdFor } from '../article-id.js';

export interface ArticleStoreFixture {
  store: ArticleStore;
  /** From now on, writing a passage whose text contains `fragment` fails (as a full disk would). */
  failPassagesContaining(fragment: string): Promise<void>;
  /** Frees what the fixture holds (the store is closed by the suite). */
  dispose?(): Promise<void>;
}

export const makeArticleDraft = (overrides: Partial<ArticleDraft> = {}): ArticleDraft => ({
  origin: 'news/budget.txt',
  title: 'Council passes budget',
  source: 'The Daily',
  url: null,
  publishedAt: '2024-05-01T00:00:00.000Z',
  text: 'The council approved the budget on Tuesday. Transit funding rose by 5%.\n\nThe mayor welcomed the vote.',
  ...overrides,
});

export interface ArticleStoreContractOptions {
  /**
   * A networked store (PostgreSQL) runs other calls beside an open transaction, on other connections,
   * where they see only committed rows; an in-process store (SQLite, memory) makes them wait for it.
   */
  concurrentTransactions?: boolean;
}

export function describeArticleStoreContract(
  name: string,
  factory: () => Promise<ArticleStoreFixture>,
  options: ArticleStoreContractOptions = {},
): void {
  const setup = async () => {
    const fixture = await factory();
    const clock = fixedClock();
    const ingest = async (draft: ArticleDraft) => {
      const report = emptyIngestReport();
      const id = await ingestDraft(fixture.store, clock, draft, report);
      return { report, id };
    };
    const done = async () => {
      await fixture.store.close();
      await fixture.dispose?.();
    };
    return { ...fixture, clock, ingest, done };
  };

  describe(`ArticleStore contract: ${name}`, () => {
    it('stores an article once: the same content again is unchanged, from any origin', async () => {
      const { store, ingest, done } = await setup();
      expect((await ingest(makeArticleDraft())).report.added).toBe(1);
      expect((await ingest(makeArticleDraft())).report.unchanged).toBe(1);
      expect((await ingest(makeArticleDraft({ origin: 'mirror/budget.txt' }))).report.unchanged).toBe(1);
      expect((await store.stats()).articles).toBe(1);
      expect(await store.hasOrigin('news/budget.txt')).toBe(true);
      expect(await store.hasOrigin('mirror/budget.txt')).toBe(false);
      await done();
    });

    it('updates changed content from the same origin in place, keeping its id and replacing its passages', async () => {
      const { store, ingest, clock, done } = await setup();
      const first = (await ingest(makeArticleDraft())).id;
      const storedAt = clock.now().toISOString();
      clock.set('2026-03-03T09:00:00.000Z');
      const second = await ingest(
        makeArticleDraft({ text: 'The council rejected the budget on Friday after a walkout.' }),
      );
      expect(second.report.updated).toBe(1);
      expect(second.id).toBe(first);
      expect(first).toBe(articleIdFor('news/budget.txt'));
      expect(await store.stats()).toMatchObject({ articles: 1 });
      expect(await store.searchPassages({ terms: ['approv'], limit: 5 })).toEqual([]);
      expect(await store.searchPassages({ terms: ['reject'], limit: 5 })).toHaveLength(1);
      expect((await store.getArticle(first as string))?.text).toContain('rejected');
      // The edit is a new version (ingestedAt), of an article first stored before (firstIngestedAt).
      expect(await store.getArticle(first as string)).toMatchObject({
        ingestedAt: '2026-03-03T09:00:00.000Z',
        firstIngestedAt: storedAt,
      });
      const [listed] = await store.listArticlesBetween(
        '2026-03-02T12:00:00.000Z',
        '2026-03-04T00:00:00.000Z',
        5,
      );
      expect(listed?.firstIngestedAt).toBe(storedAt);
      await done();
    });

    it('ranks passages by BM25 and returns them with their article', async () => {
      const { store, ingest, done } = await setup();
      await ingest(makeArticleDraft());
      await ingest(
        makeArticleDraft({
          origin: 'b.txt',
          title: 'Weather',
          text: 'Rain is expected on Tuesday across the region today.',
        }),
      );
      const hits = await store.searchPassages({ terms: ['transit', 'fund'], limit: 5 });
      expect(hits[0]?.article.title).toBe('Council passes budget');
      expect(hits[0]?.passage.text).toContain('Transit funding rose');
      expect(hits[0]?.score).toBeGreaterThan(0);
      // A rarer term outweighs a common one, and a title term counts more than a body term.
      const both = await store.searchPassages({ terms: ['tuesday', 'rain'], limit: 5 });
      expect(both[0]?.article.title).toBe('Weather');
      expect(both.map((h) => h.score)).toEqual([...both.map((h) => h.score)].sort((a, b) => b - a));
      await done();
    });

    it('finds only passages of articles published (or ingested) since a date', async () => {
      const { store, ingest, done } = await setup();
      await ingest(makeArticleDraft({ origin: 'old.txt', publishedAt: '2020-01-01T00:00:00.000Z' }));
      await ingest(
        makeArticleDraft({
          origin: 'new.txt',
          title: 'Budget again',
          publishedAt: '2025-01-01T00:00:00.000Z',
        }),
      );
      const hits = await store.searchPassages({
        terms: ['budget'],
        limit: 5,
        since: '2024-01-01T00:00:00.000Z',
      });
      expect(new Set(hits.map((h) => h.article.origin))).toEqual(new Set(['new.txt']));
      await done();
    });

    it('reads articles and passages in batches by id, leaving unknown ids out', async () => {
      const { store, ingest, done } = await setup();
      const a = (await ingest(makeArticleDraft())).id as string;
      const b = (
        await ingest(
          makeArticleDraft({ origin: 'b.txt', title: 'Weather', text: 'Rain today. Sun tomorrow.' }),
        )
      ).id as string;
      const articles = await store.getArticles([a, b, 'missing', a]);
      expect([...articles.keys()].sort()).toEqual([a, b].sort());
      expect(articles.get(b)?.title).toBe('Weather');
      const passages = await store.getPassages(a);
      expect(passages.map((p) => p.ordinal)).toEqual(passages.map((_, i) => i));
      const ids = [...passages.map((p) => p.id), 987_654];
      const byId = await store.getPassagesByIds(ids);
      expect([...byId.keys()].sort()).toEqual(passages.map((p) => p.id).sort());
      expect(byId.get(passages[0]?.id as number)).toEqual(passages[0]);
      expect(await store.getArticles([])).toEqual(new Map());
      expect(await store.getPassagesByIds([])).toEqual(new Map());
      await done();
    });

    it('lists articles newest first, and those of a digest window', async () => {
      const { store, clock, ingest, done } = await setup();
      clock.set('2026-03-01T08:00:00.000Z');
      await ingest(
        makeArticleDraft({
          origin: 'a.txt',
          title: 'A',
          text: 'Alpha news.',
          publishedAt: '2026-02-01T00:00:00.000Z',
        }),
      );
      clock.set('2026-03-02T08:00:00.000Z');
      await ingest(makeArticleDraft({ origin: 'b.txt', title: 'B', text: 'Beta news.', publishedAt: null }));
      clock.set('2026-03-03T08:00:00.000Z');
      await ingest(
        makeArticleDraft({
          origin: 'c.txt',
          title: 'C',
          text: 'Gamma news.',
          publishedAt: '2026-03-02T12:00:00.000Z',
        }),
      );
      expect((await store.listArticles()).map((a) => a.title)).toEqual(['C', 'B', 'A']);
      expect((await store.listArticles({ limit: 1 })).map((a) => a.title)).toEqual(['C']);
      expect(
        (await store.listArticles({ ingestedSince: '2026-03-02T08:00:00.000Z' })).map((a) => a.title),
      ).toEqual(['C', 'B']);
      // (03-01T09, 03-02T13]: B ingested in it; C published in it but ingested after it; A before it.
      const window = await store.listArticlesBetween(
        '2026-03-01T09:00:00.000Z',
        '2026-03-02T13:00:00.000Z',
        10,
      );
      expect(window.map((a) => a.title)).toEqual(['B']);
      const later = await store.listArticlesBetween(
        '2026-03-01T09:00:00.000Z',
        '2026-03-03T09:00:00.000Z',
        10,
      );
      expect(later.map((a) => a.title)).toEqual(['C', 'B']);
      await done();
    });

    it('reports counts, outlets and the published date range', async () => {
      const { store, ingest, done } = await setup();
      expect(await store.stats()).toEqual({
        articles: 0,
        passages: 0,
        outlets: [],
        publishedRange: null,
        lastIngestedAt: null,
      });
      await ingest(makeArticleDraft());
      await ingest(
        makeArticleDraft({
          origin: 'c.txt',
          source: null,
          publishedAt: null,
          text: 'Another piece of news entirely here.',
        }),
      );
      expect(await store.stats()).toMatchObject({
        articles: 2,
        outlets: [
          { source: null, articles: 1 },
          { source: 'The Daily', articles: 1 },
        ],
        publishedRange: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-01T00:00:00.000Z' },
        lastIngestedAt: '2026-03-02T09:00:00.000Z',
      });
      await done();
    });

    it('counts document frequencies for IDF', async () => {
      const { store, ingest, done } = await setup();
      await ingest(makeArticleDraft());
      const { total, frequencies } = await store.documentFrequencies(['budget', 'nonexistent']);
      expect(total).toBe((await store.stats()).passages);
      // "budget" is in the title, which every passage row of the article carries.
      expect(frequencies.get('budget')).toBe(total);
      expect(frequencies.get('nonexistent')).toBe(0);
      await ingest(makeArticleDraft({ origin: 'b.txt', title: 'Weather', text: 'Rain today.' }));
      expect((await store.documentFrequencies(['budget'])).total).toBe(total + 1);
      await done();
    });

    it('leaves the stored version intact when writing an article fails midway', async () => {
      const { store, ingest, failPassagesContaining, done } = await setup();
      const id = (await ingest(makeArticleDraft())).id as string;
      await failPassagesContaining('harbour');
      const { report } = await ingest(
        makeArticleDraft({ text: 'A completely different story about the harbour and its ships.' }),
      );
      expect(report.failed[0]?.error).toMatch(/^could not store: /);
      expect((await store.getArticle(id))?.text).toContain('The council approved the budget');
      expect((await store.getPassages(id)).length).toBeGreaterThan(0);
      expect(await store.searchPassages({ terms: ['budget'], limit: 5 })).not.toHaveLength(0);
      expect(await store.searchPassages({ terms: ['harbour'], limit: 5 })).toEqual([]);
      await done();
    });

    it('writes a group of articles together in a transaction, and a failing one is rolled back alone', async () => {
      const { store, clock, failPassagesContaining, done } = await setup();
      await failPassagesContaining('harbour');
      const drafts = [
        makeArticleDraft({ origin: 'a.txt' }),
        makeArticleDraft({ origin: 'b.txt', text: 'The harbour reopened to ships after the storm.' }),
        makeArticleDraft({ origin: 'c.txt', text: 'Rain is expected on Tuesday across the region today.' }),
      ];
      const report = emptyIngestReport();
      await store.inTransaction((tx) => ingestDrafts(tx, clock, drafts, report));
      expect(report).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
      expect(report.failed.map((f) => f.origin)).toEqual(['b.txt']);
      expect((await store.stats()).articles).toBe(2);
      expect((await store.stats()).passages).toBe(
        (await store.getPassages(articleIdFor('a.txt'))).length + 1,
      );
      expect(await store.getArticle(articleIdFor('b.txt'))).toBeNull();
      expect(await store.searchPassages({ terms: ['harbour'], limit: 5 })).toEqual([]);
      expect(await store.searchPassages({ terms: ['rain'], limit: 5 })).toHaveLength(1);
      await done();
    });

    it('gives a group the outcomes writing its articles one by one gives: updates, twins within it, an origin twice', async () => {
      const { store, clock, ingest, done } = await setup();
      const oldText = makeArticleDraft().text;
      const id = (await ingest(makeArticleDraft({ origin: 'a.txt' }))).id;
      const harbour = 'The harbour reopened to ships after the storm on Monday.';
      const report = emptyIngestReport();
      await store.inTransaction((tx) =>
        ingestDrafts(
          tx,
          clock,
          [
            makeArticleDraft({ origin: 'a.txt', text: 'The council rejected the budget after a walkout.' }),
            makeArticleDraft({ origin: 'b.txt', text: harbour }),
            // The same text as b.txt, written just before it in this group: a twin, not stored again.
            makeArticleDraft({ origin: 'c.txt', text: harbour }),
            // a.txt's old text: a.txt no longer has it, so this is a new article.
            makeArticleDraft({ origin: 'd.txt', text: oldText }),
          ],
          report,
        ),
      );
      expect(report).toMatchObject({ added: 2, updated: 1, unchanged: 1, failed: [] });
      expect((await store.getArticle(id as string))?.text).toContain('walkout');
      expect(await store.hasOrigin('c.txt')).toBe(false);
      expect(
        (await store.searchPassages({ terms: ['harbour'], limit: 5 })).map((h) => h.article.origin),
      ).toEqual(['b.txt']);
      const again = emptyIngestReport();
      await store.inTransaction((tx) =>
        ingestDrafts(
          tx,
          clock,
          [
            makeArticleDraft({ origin: 'e.txt', text: 'Rain is expected on Tuesday.' }),
            makeArticleDraft({ origin: 'e.txt', text: 'Snow is expected on Tuesday.' }),
          ],
          again,
        ),
      );
      expect(again).toMatchObject({ added: 1, updated: 1, unchanged: 0, failed: [] });
      expect((await store.getArticle(articleIdFor('e.txt')))?.text).toBe('Snow is expected on Tuesday.');
      expect((await store.searchPassages({ terms: ['rain'], limit: 5 })).length).toBe(0);
      expect((await store.stats()).articles).toBe(4);
      await done();
    });

    it('records the input each article came from, seen inside the transaction that wrote it', async () => {
      const { store, clock, done } = await setup();
      const url = 'https://news.example/budget';
      const page = makeArticleDraft({ origin: url, url, text: 'Transit funding rose by 5% in the budget.' });
      await store.inTransaction(async (tx) => {
        await ingestDrafts(tx, clock, [page], emptyIngestReport(), {
          kind: 'feed',
          input: 'https://f.example/rss',
        });
        const seen = await tx.storedSources([url, 'nowhere.txt']);
        expect([...seen.keys()]).toEqual([url]);
        expect(seen.get(url)?.source).toEqual({ kind: 'feed', input: 'https://f.example/rss' });
      });
      await ingestDraft(store, clock, makeArticleDraft(), emptyIngestReport());
      const stored = await store.storedSources(['news/budget.txt', url]);
      expect(stored.get('news/budget.txt')).toEqual({
        articleId: articleIdFor('news/budget.txt'),
        contentHash: contentHashOf(makeArticleDraft()),
        source: { kind: 'file', input: 'news/budget.txt' },
      });
      // The page fetched again may update what its feed brought in, and the source is then the page.
      const edited = { ...page, text: 'The council rejected the budget on Friday after a walkout.' };
      const report = emptyIngestReport();
      await ingestBatch(store, clock, [edited], report, { kind: 'page', input: url });
      expect(report).toMatchObject({ updated: 1, conflicts: [] });
      expect((await store.storedSources([url])).get(url)?.source).toEqual({ kind: 'page', input: url });
      await done();
    });

    it('keeps an article another input claims as it was, and reports the conflict', async () => {
      const { store, clock, done } = await setup();
      const url = 'https://news.example/budget';
      const exported = makeArticleDraft({ origin: url, url });
      await ingestBatch(store, clock, [exported], emptyIngestReport(), { kind: 'record', input: 'a.json' });
      const forged = {
        ...exported,
        title: 'Budget scrapped',
        text: 'The council scrapped the budget entirely.',
      };
      const report = emptyIngestReport();
      await ingestBatch(store, clock, [forged], report, { kind: 'record', input: 'b.json' });
      expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 0, failed: [] });
      expect(report.conflicts).toEqual([
        { origin: url, input: 'a record of b.json', storedFrom: 'a record of a.json' },
      ]);
      expect(await ingestDraft(store, clock, forged, report, { kind: 'page', input: url })).toBeNull();
      expect(report.conflicts).toHaveLength(2);
      const [stored] = await store.listArticles();
      expect(stored).toMatchObject({ title: 'Council passes budget', text: exported.text });
      expect(await store.searchPassages({ terms: ['scrap'], limit: 5 })).toEqual([]);
      await done();
    });

    it('writes more than one write group, in order, each outcome counted', async () => {
      const { store, clock, done } = await setup();
      const drafts = Array.from({ length: WRITE_GROUP + 5 }, (_, i) =>
        makeArticleDraft({
          origin: `n${i}.txt`,
          title: `Story ${i}`,
          text: `Item number ${i} was reported today.`,
        }),
      );
      const report = emptyIngestReport();
      await ingestBatch(store, clock, [...drafts, drafts[0] as ArticleDraft], report);
      expect(report).toEqual({
        added: WRITE_GROUP + 5,
        updated: 0,
        unchanged: 1,
        failed: [],
        warnings: [],
        conflicts: [],
      });
      expect((await store.stats()).articles).toBe(WRITE_GROUP + 5);
      await done();
    });

    it('rolls back everything a transaction wrote when its work fails, and passes the error on', async () => {
      const { store, ingest, clock, done } = await setup();
      await ingest(makeArticleDraft());
      const boom = new Error('work failed');
      await expect(
        store.inTransaction(async (tx) => {
          await ingestDrafts(
            tx,
            clock,
            [makeArticleDraft({ origin: 'x.txt', title: 'X', text: 'Xylophones everywhere.' })],
            emptyIngestReport(),
          );
          expect(await tx.hasOrigin('x.txt')).toBe(true);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.hasOrigin('x.txt')).toBe(false);
      expect(await store.searchPassages({ terms: ['xylophon'], limit: 5 })).toEqual([]);
      expect((await store.stats()).articles).toBe(1);
      await expect(store.inTransaction(async () => 42)).resolves.toBe(42);
      await done();
    });

    if (!options.concurrentTransactions)
      it('makes other calls wait while a transaction is open, so none runs inside it', async () => {
        const { store, clock, done } = await setup();
        let release: () => void = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const order: string[] = [];
        const tx = store.inTransaction(async (t) => {
          await t.upsertArticles([]);
          order.push('tx started');
          await gate;
          await ingestDrafts(t, clock, [makeArticleDraft()], emptyIngestReport());
          order.push('tx wrote');
        });
        // Let the transaction start before the outside read is asked for.
        await Promise.resolve();
        await Promise.resolve();
        const read = store.stats().then((s) => {
          order.push(`read saw ${s.articles}`);
        });
        const write = store.upsertArticles([]).then(() => order.push('outside write'));
        for (let i = 0; i < 10; i++) await Promise.resolve();
        expect(order).toEqual(['tx started']);
        release();
        await Promise.all([tx, read, write]);
        expect(order).toEqual(['tx started', 'tx wrote', 'read saw 1', 'outside write']);
        await done();
      });

    if (options.concurrentTransactions)
      it('shows other calls only what an open transaction has committed, and all of it after the commit', async () => {
        const { store, clock, done } = await setup();
        let release: () => void = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let wrote: () => void = () => {};
        const written = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        const tx = store.inTransaction(async (t) => {
          await ingestDrafts(t, clock, [makeArticleDraft()], emptyIngestReport());
          expect(await t.hasOrigin('news/budget.txt')).toBe(true);
          wrote();
          await gate;
        });
        await written;
        expect((await store.stats()).articles).toBe(0);
        expect(await store.hasOrigin('news/budget.txt')).toBe(false);
        expect(await store.searchPassages({ terms: ['budget'], limit: 5 })).toEqual([]);
        // A write outside goes ahead beside it (on another connection), not inside it.
        await store.upsertArticles([]);
        release();
        await tx;
        expect((await store.stats()).articles).toBe(1);
        expect(await store.searchPassages({ terms: ['budget'], limit: 5 })).toHaveLength(1);
        await done();
      });

    it('refuses writes through a transaction handle after the transaction is over', async () => {
      const { store, done } = await setup();
      let kept: Parameters<Parameters<ArticleStore['inTransaction']>[0]>[0] | undefined;
      await store.inTransaction(async (tx) => {
        kept = tx;
      });
      await expect(kept?.upsertArticles([])).rejects.toThrow(/over/);
      await done();
    });
  });
}
