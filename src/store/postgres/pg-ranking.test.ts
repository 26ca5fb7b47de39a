import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../core/ports.js';
import { uniqueTerms } from '../../core/text/tokenize.js';
import { ingestInputs } from '../../ingest/ingest-inputs.js';
import { fixedClock, PROJECT_ROOT, SEEDS_DIR } from '../../test-support/seeded-briefing.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../sqlite/sqlite-article-store.js';
import { readRankingStats, topPassagesByBm25 } from './pg-ranking.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

const QUESTIONS = [
  'How big is the AWS deal?',
  'nuclear power for data centers',
  'OpenAI Microsoft partnership',
  'chips export rules China',
  'who said the deal was a milestone',
];

describe.skipIf(pgSkipReason())('PostgreSQL search ranking', () => {
  let pg: Awaited<ReturnType<typeof openPgTestStores>>;
  let sqlite: ArticleStore;
  beforeAll(async () => {
    pg = await openPgTestStores();
    sqlite = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    for (const store of [pg.articles, sqlite])
      await ingestInputs([SEEDS_DIR], { store, clock: fixedClock(), root: PROJECT_ROOT });
  });
  afterAll(async () => {
    await sqlite?.close();
    await pg?.dispose();
  });

  it('ranks the seeds’ passages by the same BM25 scores as SQLite’s FTS5, in the same order', async () => {
    for (const question of QUESTIONS) {
      const terms = uniqueTerms(question);
      const [fromPg, fromSqlite] = await Promise.all([
        pg.articles.searchPassages({ terms, limit: 20 }),
        sqlite.searchPassages({ terms, limit: 20 }),
      ]);
      expect(fromPg.length, question).toBeGreaterThan(0);
      const key = (hits: typeof fromPg) => hits.map((h) => `${h.article.origin}#${h.passage.ordinal}`);
      expect(key(fromPg), question).toEqual(key(fromSqlite));
      fromPg.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(fromSqlite[i]?.score ?? Number.NaN, 9);
        expect(hit.passage.text).toBe(fromSqlite[i]?.passage.text);
      });
      const [dfPg, dfSqlite] = await Promise.all([
        pg.articles.documentFrequencies(terms),
        sqlite.documentFrequencies(terms),
      ]);
      expect(dfPg).toEqual(dfSqlite);
    }
  });

  it('ranks the same when the first pass sees one term and common terms are skipped (MaxScore)', async () => {
    for (const question of QUESTIONS)
      for (const limit of [1, 3, 10]) {
        const terms = uniqueTerms(question);
        const stats = await readRankingStats(pg.pool, terms);
        let queries = 0;
        const counting = { query: (...args: unknown[]) => (queries++, pg.pool.query(...(args as [string]))) };
        const pruned = await topPassagesByBm25(counting as never, stats, limit, null, 1);
        const full = await topPassagesByBm25(pg.pool, stats, limit, null, Number.POSITIVE_INFINITY);
        const fromSqlite = await sqlite.searchPassages({ terms, limit });
        expect(pruned, `${question} @${limit}`).toEqual(full);
        expect(pruned.map((h) => h.score)).toEqual(fromSqlite.map((h) => expect.closeTo(h.score, 9)));
      }
  });
});
