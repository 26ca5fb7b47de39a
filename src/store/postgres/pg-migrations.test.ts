import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../core/article.js';
import { emptyIngestReport, ingestDrafts } from '../../core/ingest-articles.js';
import { uniqueTerms } from '../../core/text/tokenize.js';
import { ingestInputs } from '../../ingest/ingest-inputs.js';
import { fixedClock, PROJECT_ROOT, SEEDS_DIR } from '../../test-support/seeded-briefing.js';
import { createPgArticleStore } from './pg-article-store.js';
import { createPgConversationStore } from './pg-conversation-store.js';
import { appliedVersions, migratePostgres, PG_MIGRATIONS } from './pg-migrations.js';
import { createTestDatabase, pgSkipReason, type TestDatabase } from './testing/pg-test-database.js';

describe.skipIf(pgSkipReason())('PostgreSQL migrations', () => {
  const opened: { pool: pg.Pool; database: TestDatabase }[] = [];
  const open = async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    opened.push({ pool, database });
    return { pool, database };
  };
  afterEach(async () => {
    for (const { pool, database } of opened.splice(0)) {
      await pool.end();
      await database.drop();
    }
  });

  it('upgrades a database at the previous schema version, keeping what it holds', async () => {
    const { pool } = await open();
    const previous = PG_MIGRATIONS.slice(0, -1);
    expect(await migratePostgres(pool, previous)).toBe(previous.length);
    const turns = createPgConversationStore(pool);
    await turns.appendTurn('slack:T:C:1', { question: 'q', answer: 'a' }, '2026-01-01T00:00:00.000Z');
    expect(await migratePostgres(pool)).toBe(1);
    expect(await appliedVersions(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(await turns.recentTurns('slack:T:C:1', 6)).toEqual([{ question: 'q', answer: 'a' }]);
    expect(await migratePostgres(pool)).toBe(0);
  });

  it('upgrades a database holding articles at the previous schema version: search then ranks as on one made at this one', async () => {
    // Short champion lists and no exact pass, so that the seeds' common terms are searched through them.
    const search = { championListSize: 3, rescoredCandidates: 10, exactPassPassages: 0 };
    const upgraded = await open();
    await migratePostgres(upgraded.pool, PG_MIGRATIONS.slice(0, -1));
    // The writer of the previous schema is this one without what the last migration adds (its
    // refreshes fail until then, and the passages wait).
    const before = createPgArticleStore(upgraded.pool, { search });
    await ingestInputs([SEEDS_DIR], { store: before, clock: fixedClock(), root: PROJECT_ROOT });
    expect(await migratePostgres(upgraded.pool)).toBe(1);
    // Every passage stored before waits for the lists, so search scores it in full until they have it.
    const count = async (table: string) =>
      (await upgraded.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    expect(await count('passages')).toBeGreaterThan(50);
    expect(await count('passages_unranked')).toBe(await count('passages'));
    const fresh = await open();
    await migratePostgres(fresh.pool);
    const current = createPgArticleStore(fresh.pool, { search });
    await ingestInputs([SEEDS_DIR], { store: current, clock: fixedClock(), root: PROJECT_ROOT });
    // Both then take the same new articles, which share the seeds' common words.
    const later: ArticleDraft[] = Array.from({ length: 6 }, (_, i) => ({
      origin: `later/${i}.txt`,
      title: `Cloud deal number ${i} for chips`,
      source: 'Later Wire',
      url: null,
      publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      text: `The cloud deal ${i} buys chips and capacity. A billion dollars of compute for the deal.`,
    }));
    for (const store of [before, current]) {
      const report = emptyIngestReport();
      await store.inTransaction((tx) => ingestDrafts(tx, fixedClock(), later, report));
      expect(report.failed).toEqual([]);
      await store.settleChampions();
    }
    expect(await count('passages_unranked')).toBe(0);
    expect(await count('term_champions')).toBeGreaterThan(0);
    const ranked = async (store: typeof current, text: string) =>
      (await store.searchPassages({ terms: [...uniqueTerms(text)], limit: 8 })).map((hit) => ({
        article: hit.article.origin,
        ordinal: hit.passage.ordinal,
        score: Number(hit.score.toFixed(9)),
      }));
    for (const text of ['cloud deal', 'chips capacity', 'billion compute deal', 'AWS OpenAI deal']) {
      const expected = await ranked(current, text);
      expect(expected.length).toBeGreaterThan(0);
      expect(await ranked(before, text)).toEqual(expected);
    }
  });

  it('counts the term statistics of passages stored before them (migration 6), and the writer keeps them', async () => {
    const { pool } = await open();
    await migratePostgres(
      pool,
      PG_MIGRATIONS.filter((m) => m.version < 6),
    );
    // Rows as the writer of schema 5 stored them (it kept no term statistics).
    await pool.query(
      `INSERT INTO articles (id, origin, content_hash, title, text, first_ingested_at, ingested_at)
       VALUES ('old', 'old.txt', 'h', 'Harbour news', 'x', '2025-01-01', '2025-01-01')`,
    );
    await pool.query(
      `INSERT INTO passages (article_id, ordinal, start, "end", text, sentences, terms, term_counts, length)
       VALUES ('old', 0, 0, 1, 'x', '[]', '{harbour,news,ship}', '{"harbour":[1,2],"news":[1,0],"ship":[0,3]}', 7),
              ('old', 1, 1, 2, 'x', '[]', '{harbour,news,crane}', '{"harbour":[1,0],"news":[1,0],"crane":[0,1]}', 3)`,
    );
    await migratePostgres(pool);
    expect((await pool.query('SELECT * FROM term_stats ORDER BY term')).rows).toEqual([
      { term: 'crane', df: 1, max_title: 0, max_body: 1 },
      { term: 'harbour', df: 2, max_title: 1, max_body: 2 },
      { term: 'news', df: 2, max_title: 1, max_body: 0 },
      { term: 'ship', df: 1, max_title: 0, max_body: 3 },
    ]);
    // The article writer adds what it stores, and the delete trigger takes away what goes.
    await ingestInputs([SEEDS_DIR], {
      store: createPgArticleStore(pool),
      clock: fixedClock(),
      root: PROJECT_ROOT,
    });
    const recount = `SELECT e.key AS term, count(*)::int AS df, max((e.value ->> 0)::int) AS max_title,
        max((e.value ->> 1)::int) AS max_body
      FROM passages, jsonb_each(term_counts) AS e GROUP BY e.key ORDER BY e.key`;
    const expected = (await pool.query(recount)).rows;
    expect(expected.length).toBeGreaterThan(100);
    expect((await pool.query('SELECT * FROM term_stats ORDER BY term')).rows).toEqual(expected);
    await pool.query('DELETE FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 2)');
    const after = (await pool.query(recount)).rows.map((r) => ({ term: r.term, df: r.df }));
    const kept = await pool.query('SELECT term, df FROM term_stats WHERE df > 0 ORDER BY term');
    expect(kept.rows).toEqual(after);
  });

  it('applies each migration once when several processes start together', async () => {
    const { pool, database } = await open();
    const others = [1, 2, 3].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
    try {
      const counts = await Promise.all([pool, ...others].map((p) => migratePostgres(p)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(PG_MIGRATIONS.length);
      expect(await appliedVersions(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      for (const other of others) await other.end();
    }
  });

  it('rolls a failing migration back whole and applies nothing after it', async () => {
    const { pool } = await open();
    const broken = [
      ...PG_MIGRATIONS.slice(0, 1),
      { version: 99, name: 'broken', sql: 'CREATE TABLE half (x int); SELECT no_such_function();' },
    ];
    await expect(migratePostgres(pool, broken)).rejects.toThrow(/no_such_function/);
    expect(await appliedVersions(pool)).toEqual([1]);
    const half = await pool.query("SELECT to_regclass('half') AS t");
    expect(half.rows[0].t).toBeNull();
  });
});
