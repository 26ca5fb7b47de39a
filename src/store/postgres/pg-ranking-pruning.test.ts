/**
 * MaxScore pruning in pg-ranking.ts on a corpus large and skewed enough that it prunes: thousands of
 * passages whose words follow a Zipf law, so a query's common words have small bounds and are skipped
 * once its rare words have set the bar. The pruned top k must be exactly the top k of scoring every
 * passage that holds a query term, and both must be SQLite FTS5's bm25() ranking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../core/article.js';
import { emptyIngestReport, ingestDrafts } from '../../core/ingest-articles.js';
import type { ArticleStore } from '../../core/ports.js';
import { uniqueTerms } from '../../core/text/tokenize.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { BM25, bm25Idf, bm25TermBound, weightedTf } from '../bm25.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../sqlite/sqlite-article-store.js';
import { type Queryable, readRankingStats, topPassagesByBm25 } from './pg-ranking.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';
import { madeUpWords, seededRandom, zipfSampler } from './testing/zipf-corpus.js';

const ARTICLES = 1_200;
const VOCABULARY = 3_000;
const TIGHT_ARTICLES = 400;
/** The words most passages hold. */
const COMMON = 40;
/** Passages a term of those words is in, at least (the 40th word is in about 400 of some 3,500). */
const COMMON_DF = 200;

function corpus(): { drafts: ArticleDraft[]; words: string[] } {
  const next = seededRandom(18);
  // Pronounceable made-up words ("xbakotu"), Zipf (s = 1.1): the first in most passages, the last in a few.
  const words = madeUpWords(VOCABULARY, 'x', 'ba ko tu mi ra ne lo fi da gu pe zo vi ha ju'.split(' '));
  const sample = zipfSampler(words, 1.1, next);
  const sentence = () =>
    `${Array.from({ length: 4 + Math.floor(next() * 22) }, sample).join(' ')}.`.replace(/^x/, 'X');
  const drafts = Array.from({ length: ARTICLES }, (_, i) => ({
    origin: `zipf/${i}.txt`,
    title: Array.from({ length: 2 + Math.floor(next() * 6) }, sample).join(' '),
    source: 'Zipf Daily',
    url: null,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
    text: Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
      Array.from({ length: 2 + Math.floor(next() * 6) }, sentence).join(' '),
    ).join('\n\n'),
  }));
  // Short articles made of a few common words said again and again, in the title and the body: they
  // score close to those words' bounds, so a bound set too low, or a bar crossed, loses one of them.
  for (let i = 0; i < TIGHT_ARTICLES; i++) {
    const chosen = Array.from({ length: 2 + (i % 3) }, () => words[Math.floor(next() * COMMON)] as string);
    const said = (times: number) => chosen.flatMap((w) => Array(times).fill(w)).join(' ');
    drafts.push({
      origin: `tight/${i}.txt`,
      title: said(1 + (i % 4)),
      source: 'Zipf Daily',
      url: null,
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 7_200_000).toISOString(),
      text: `X${said(2 + (i % 5)).slice(1)} ${sample()}.`,
    });
  }
  return { drafts, words };
}

type Row = { counts: Record<string, [number, number]>; length: number };

/** What the store knows for scoring, read once: every passage's counts, and N and the mean length. */
async function readCorpus(db: Queryable) {
  const { rows } = await db.query<{ term_counts: Row['counts']; length: number; origin: string }>(
    'SELECT p.term_counts, p.length, a.origin FROM passages p JOIN articles a ON a.id = p.article_id',
  );
  const { rows: totals } = await db.query<{ passages: string; tokens: string }>(
    'SELECT passages, tokens FROM passage_totals',
  );
  const total = Number(totals[0]?.passages);
  const averageLength = Number(totals[0]?.tokens) / total;
  const { rows: stats } = await db.query<{ term: string; df: number; max_title: number; max_body: number }>(
    'SELECT term, df, max_title, max_body FROM term_stats',
  );
  const idf = new Map(stats.map((s) => [s.term, bm25Idf(total, s.df)]));
  const bound = new Map(
    stats.map((s) => [s.term, bm25TermBound(idf.get(s.term) ?? 0, weightedTf(s.max_title, s.max_body))]),
  );
  const df = new Map(stats.map((s) => [s.term, s.df]));
  const passages = rows.map((r) => ({ counts: r.term_counts, length: r.length, origin: r.origin }));
  /** bm25Score's summand of `term` in `row`. */
  const summand = (term: string, row: Row) => {
    const pair = row.counts[term];
    if (!pair) return 0;
    const tf = weightedTf(pair[0], pair[1]);
    const norm = BM25.k1 * (1 - BM25.b + (BM25.b * row.length) / averageLength);
    return ((idf.get(term) ?? 0) * tf * (BM25.k1 + 1)) / (tf + norm);
  };
  const score = (terms: readonly string[], row: Row) => terms.reduce((sum, t) => sum + summand(t, row), 0);
  return { passages, df, bound, summand, score };
}

/** The best single-term score of each common term of the repeated-word articles, and its bound. */
async function summandsOfCommonTerms(db: Queryable) {
  const { passages, df, summand } = await readCorpus(db);
  const common = [
    ...new Set(
      passages
        .filter((p) => p.origin.startsWith('tight/'))
        .flatMap((p) => Object.keys(p.counts))
        .filter((t) => (df.get(t) ?? 0) > COMMON_DF),
    ),
  ];
  // The bounds search uses, as readRankingStats computes them from term_stats.
  const stats = await readRankingStats(db, common);
  return stats.terms.map(({ term, bound }) => ({
    term,
    best: Math.max(...passages.map((p) => summand(term, p))),
    bound,
  }));
}

/**
 * Queries of one rare term and the common terms of a repeated-word article, picked (by scoring every
 * passage here) so that the top-1 bar the rare term sets is within 5% under what those common terms
 * could add, while that article scores above the bar: the common terms must not be skipped, and a
 * pruning that trusts a bound or a bar a few percent too far skips them and loses the article.
 */
async function queriesAtTheBar(db: Queryable): Promise<string[][]> {
  const { passages, df, bound, score } = await readCorpus(db);
  const holding = new Map<string, typeof passages>();
  for (const p of passages)
    for (const term of Object.keys(p.counts))
      if ((df.get(term) ?? 0) <= 3) holding.set(term, [...(holding.get(term) ?? []), p]);
  const found: string[][] = [];
  const seen = new Set<string>();
  for (const article of passages.filter((p) => p.origin.startsWith('tight/'))) {
    const common = Object.keys(article.counts).filter((t) => (df.get(t) ?? 0) > COMMON_DF);
    if (common.length < 2) continue;
    const reach = common.reduce((sum, t) => sum + (bound.get(t) ?? 0), 0);
    const reached = score(common, article);
    // The rare term that puts the bar closest under what the common terms could add.
    let closest: { terms: string[]; margin: number } | null = null;
    for (const [term, holders] of holding) {
      const terms = [term, ...common];
      const bar = Math.max(...holders.map((p) => score(terms, p)));
      const margin = reach / bar;
      if (margin > 1.001 && reached > bar * 1.005 && margin < (closest?.margin ?? 1.05))
        closest = { terms, margin };
    }
    const key = [...common].sort().join(' ');
    if (!closest || seen.has(key)) continue;
    seen.add(key);
    found.push(closest.terms);
    if (found.length >= 8) break;
  }
  return found;
}

describe.skipIf(pgSkipReason())('PostgreSQL BM25 with MaxScore pruning on a skewed corpus', () => {
  let pg: Awaited<ReturnType<typeof openPgTestStores>>;
  let sqlite: ArticleStore;
  let queries: { text: string; since: string | null }[];
  let edgeQueries: string[][];
  beforeAll(async () => {
    const { drafts, words } = corpus();
    pg = await openPgTestStores();
    sqlite = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    for (const store of [pg.articles, sqlite]) {
      const report = emptyIngestReport();
      await store.inTransaction((tx) => ingestDrafts(tx, fixedClock(), drafts, report));
      expect(report.failed).toEqual([]);
    }
    // Queries of a rare or a middling word (or both) and common ones, some limited to the later half.
    const next = seededRandom(2026);
    const pick = (from: number, to: number) => words[from + Math.floor(next() * (to - from))] as string;
    queries = Array.from({ length: 48 }, (_, i) => ({
      text: [
        ...(i % 3 !== 1 ? Array.from({ length: 1 + (i % 2) }, () => pick(300, VOCABULARY)) : []),
        ...(i % 3 !== 0 ? [pick(COMMON, 300)] : []),
        ...Array.from({ length: 1 + (i % 4) }, () => pick(0, COMMON)),
      ].join(' '),
      since: i % 7 === 3 ? new Date(Date.UTC(2025, 0, 1) + (ARTICLES / 2) * 3_600_000).toISOString() : null,
    }));
    edgeQueries = await queriesAtTheBar(pg.pool);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await pg?.dispose();
  });

  it('holds thousands of passages, with common terms in most of them and rare ones in a few', async () => {
    const { rows } = await pg.pool.query<{ passages: number; common: number; rare: number }>(
      `SELECT (SELECT count(*)::int FROM passages) AS passages,
         (SELECT max(df) FROM term_stats) AS common, (SELECT min(df) FROM term_stats) AS rare`,
    );
    const stats = rows[0] as NonNullable<(typeof rows)[0]>;
    expect(stats.passages).toBeGreaterThan(2_500);
    expect(stats.common).toBeGreaterThan(stats.passages / 2);
    expect(stats.rare).toBeLessThan(5);
  });

  it('ranks exactly as scoring every candidate does, and as FTS5 does, while skipping common terms', async () => {
    let checked = 0;
    let skippedSome = 0;
    let stoppedAfterFirstPass = 0;
    for (const { text, since } of queries)
      for (const limit of [1, 10, 30])
        for (const firstPass of [1, 200]) {
          const terms = uniqueTerms(text);
          const stats = await readRankingStats(pg.pool, terms);
          const passes: string[][] = [];
          const watching: Queryable = {
            query: ((sql: string, values: unknown[]) => {
              passes.push(values[9] as string[]);
              return pg.pool.query(sql, values);
            }) as Queryable['query'],
          };
          const pruned = await topPassagesByBm25(watching, stats, limit, since, firstPass);
          const full = await topPassagesByBm25(pg.pool, stats, limit, since, Number.POSITIVE_INFINITY);
          const label = `"${text}" since ${since} @${limit}, first pass ${firstPass}`;
          expect(pruned, label).toEqual(full);
          const live = stats.terms.filter((t) => t.df > 0).length;
          const last = passes[passes.length - 1] as string[];
          if (passes.length === 2 && last.length < live) skippedSome++;
          if (passes.length === 1 && (passes[0] as string[]).length < live) stoppedAfterFirstPass++;
          checked++;
        }
    // The pruning was exercised, both ways: common terms left out of the second pass, and no second
    // pass at all when the first one had scored every term that could still reach the bar.
    expect(skippedSome).toBeGreaterThan(checked / 8);
    expect(stoppedAfterFirstPass).toBeGreaterThan(checked / 8);
    expect(skippedSome + stoppedAfterFirstPass).toBeGreaterThan(checked / 2);
  }, 120_000);

  it('keeps a common term whose bound only just reaches the bar, and so the passage it leads to', async () => {
    // Without these queries, a bar or a bound 10% off went unnoticed: random queries leave a wide gap
    // between what the skipped terms could add and the bar.
    expect(edgeQueries.length).toBeGreaterThanOrEqual(3);
    for (const terms of edgeQueries) {
      const stats = await readRankingStats(pg.pool, terms);
      const pruned = await topPassagesByBm25(pg.pool, stats, 1, null, 1);
      const full = await topPassagesByBm25(pg.pool, stats, 1, null, Number.POSITIVE_INFINITY);
      expect(pruned, terms.join(' ')).toEqual(full);
      const fromSqlite = await sqlite.searchPassages({ terms, limit: 1 });
      expect(pruned.map((h) => h.score)).toEqual(fromSqlite.map((h) => expect.closeTo(h.score, 9)));
    }
  });

  it('bounds every term by what its best passage scores, and the repeated words come close to it', async () => {
    const scores = await summandsOfCommonTerms(pg.pool);
    expect(scores.length).toBeGreaterThanOrEqual(COMMON / 2);
    for (const { term, best, bound } of scores) {
      expect(best, term).toBeLessThanOrEqual(bound);
      expect(best, term).toBeGreaterThan(0.75 * bound);
    }
  });

  it('returns FTS5’s top passages with FTS5’s scores through searchPassages', async () => {
    for (const { text, since } of queries.slice(0, 20)) {
      const terms = uniqueTerms(text);
      const query = { terms, limit: 10, ...(since ? { since } : {}) };
      const [fromPg, fromSqlite] = await Promise.all([
        pg.articles.searchPassages(query),
        sqlite.searchPassages(query),
      ]);
      expect(fromPg.length, text).toBeGreaterThan(0);
      const key = (hits: typeof fromPg) => hits.map((h) => `${h.article.origin}#${h.passage.ordinal}`);
      expect(key(fromPg), text).toEqual(key(fromSqlite));
      fromPg.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(fromSqlite[i]?.score ?? Number.NaN, 9);
      });
    }
  });
});
