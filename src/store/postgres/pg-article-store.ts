/**
 * @module store/postgres/pg-article-store
 * The ArticleStore port on PostgreSQL (node-postgres pool). Candidates come from per-term champion lists
 * and the GIN index on each passage's terms, ranked in SQL by BM25 as store/bm25.ts scores it, as
 * SQLite's FTS5 and the memory store do (pg-champion-search.ts), not ts_rank (which has no IDF and no
 * length normalisation).
 * A transaction holds one pooled client; other calls use other clients and see only committed rows.
 */
import type { Pool, PoolClient } from 'pg';
import type { Article, Passage, PassageHit } from '../../core/article.js';
import { BriefError } from '../../core/errors.js';
import type {
  ArticleStore,
  ArticleWriter,
  CorpusStats,
  PassageQuery,
  StoredArticleInput,
  StoredSource,
  UpsertResult,
} from '../../core/ports.js';
import { DEFAULT_PG_SEARCH, type PgSearchTuning } from '../../core/tuning.js';
import { type SourceRow, toStoredSource } from '../article-source-row.js';
import { writeArticleInSavepoint, writeArticlesInSavepoints } from './pg-article-writes.js';
import { createChampionRefresher } from './pg-champion-refresher.js';
import { topPassagesByChampions } from './pg-champion-search.js';
import { refreshChampions } from './pg-champions.js';
import { inClientTransaction } from './pg-migrations.js';
import { readRankingStats } from './pg-ranking.js';
import {
  ARTICLE_COLUMNS,
  PASSAGE_COLUMNS,
  type PgArticleRow,
  type PgPassageRow,
  toArticle,
  toArticleRef,
  toPassage,
} from './pg-rows.js';

/** The ArticleStore on PostgreSQL, and a way to wait for its champion lists to catch up. */
export interface PgArticleStore extends ArticleStore {
  /**
   * Resolves once the passages committed so far are in the champion lists (search finds them before
   * that too, scoring them in full). close() does this first.
   */
  settleChampions(): Promise<void>;
}

export interface PgArticleStoreOptions {
  /** Called by close(): the composition ends the shared pool there. */
  onClose?: () => Promise<void>;
  /** How search bounds its work (champion lists). */
  search?: PgSearchTuning;
  /** When the lists take in new passages (defaults in pg-champion-refresher.ts). */
  championRefresh?: { quietMs?: number; maxWaitMs?: number; batchPassages?: number };
}

export function createPgArticleStore(pool: Pool, options: PgArticleStoreOptions = {}): PgArticleStore {
  const withClient = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  };
  const hasOriginOn = async (client: Pool | PoolClient, origin: string) =>
    (await client.query('SELECT 1 FROM articles WHERE origin = $1', [origin])).rowCount === 1;
  const storedSourcesOn = async (client: Pool | PoolClient, origins: readonly string[]) => {
    const found = new Map<string, StoredSource>();
    if (origins.length === 0) return found;
    const { rows } = await client.query<SourceRow>(
      `SELECT id, origin, content_hash, source_kind, source_input FROM articles
       WHERE origin = ANY($1::text[])`,
      [[...new Set(origins)]],
    );
    for (const row of rows) found.set(row.origin, toStoredSource(row));
    return found;
  };
  let closed = false;
  const search = options.search ?? DEFAULT_PG_SEARCH;
  // A failed refresh loses nothing: the passages stay waiting, and search scores them in full.
  const champions = createChampionRefresher({
    refresh: () => refreshAllChampions(pool, search.championListSize),
    ...options.championRefresh,
  });
  /** After a write commits: its passages join the champion lists later (search scores them in full until then). */
  const afterCommit =
    (passages: () => number) =>
    <T>(result: T): T => {
      champions.committed(passages());
      return result;
    };
  /** Passages of the articles written (added or updated; an unchanged one writes none). */
  const written = (inputs: readonly StoredArticleInput[], results: readonly UpsertResult[]) =>
    results.reduce(
      (n, r, i) => n + ('outcome' in r && r.outcome !== 'unchanged' ? (inputs[i]?.passages.length ?? 0) : 0),
      0,
    );

  return {
    inTransaction<T>(work: (tx: ArticleWriter) => Promise<T>): Promise<T> {
      let passages = 0;
      return withClient((client) => {
        let open = true;
        const guard =
          <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
          async (...args: A): Promise<R> => {
            if (!open) throw new BriefError('store', 'This transaction is already over');
            return write(...args);
          };
        const tx: ArticleWriter = {
          upsertArticle: guard(async (input, now) => {
            const result = await writeArticleInSavepoint(client, input, now);
            passages += written([input], [result]);
            return result;
          }),
          upsertArticles: guard(async (items) => {
            const results = await writeArticlesInSavepoints(client, items);
            passages += written(
              items.map((i) => i.input),
              results,
            );
            return results;
          }),
          hasOrigin: guard((origin) => hasOriginOn(client, origin)),
          storedSources: guard((origins) => storedSourcesOn(client, origins)),
        };
        return inClientTransaction(client, () => work(tx)).finally(() => {
          open = false;
        });
      }).then(afterCommit(() => passages));
    },

    upsertArticle: async (input, now) => {
      const result = await withClient((client) =>
        inClientTransaction(client, () => writeArticleInSavepoint(client, input, now)),
      );
      return afterCommit(() => written([input], [result]))(result);
    },

    upsertArticles: async (items) => {
      const results = await withClient((client) =>
        inClientTransaction(client, () => writeArticlesInSavepoints(client, items)),
      );
      return afterCommit(() =>
        written(
          items.map((i) => i.input),
          results,
        ),
      )(results);
    },

    hasOrigin: (origin) => hasOriginOn(pool, origin),

    storedSources: (origins) => storedSourcesOn(pool, origins),

    async getArticle(id) {
      const { rows } = await pool.query<PgArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`,
        [id],
      );
      return rows[0] ? toArticle(rows[0]) : null;
    },

    async getArticles(ids) {
      const found = new Map<string, Article>();
      if (ids.length === 0) return found;
      const { rows } = await pool.query<PgArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1::text[])`,
        [[...new Set(ids)]],
      );
      for (const row of rows) found.set(row.id, toArticle(row));
      return found;
    },

    async listArticles(options = {}) {
      const { rows } = await pool.query<PgArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ($1::text IS NULL OR ingested_at >= $1)
         ORDER BY ingested_at DESC LIMIT $2`,
        [options.ingestedSince ?? null, options.limit ?? null],
      );
      return rows.map(toArticle);
    },

    async listArticlesBetween(from, to, limit) {
      const { rows } = await pool.query<PgArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles
         WHERE (ingested_at > $1 AND ingested_at <= $2)
            OR (published_at > $1 AND published_at <= $2 AND ingested_at <= $2)
         ORDER BY COALESCE(published_at, ingested_at) DESC LIMIT $3`,
        [from, to, limit],
      );
      return rows.map(toArticle);
    },

    async searchPassages(query: PassageQuery): Promise<PassageHit[]> {
      const terms = [...new Set(query.terms.filter(Boolean))];
      if (terms.length === 0 || query.limit <= 0) return [];
      // Found and scored in SQL (pg-champion-search.ts); only the top `limit` rows come back. One
      // snapshot for the bounds and the lists: a refresh committing between them could raise a tail
      // this search had already read.
      const ranked = await withClient(async (client) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const stats = await readRankingStats(client, terms);
          return (await topPassagesByChampions(client, stats, query.limit, query.since ?? null, search)).hits;
        } finally {
          await client.query('COMMIT').catch(() => {});
        }
      });
      if (ranked.length === 0) return [];
      const { rows } = await pool.query<
        PgPassageRow & { a_title: string; a_source: string | null; a_url: string | null } & {
          a_origin: string;
          a_published_at: string | null;
        }
      >(
        `SELECT p.id, p.article_id, p.ordinal, p.start, p."end", p.text, p.sentences, a.title AS a_title,
           a.source AS a_source, a.url AS a_url, a.origin AS a_origin, a.published_at AS a_published_at
         FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id = ANY($1::int[])`,
        [ranked.map((r) => r.id)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ranked.flatMap(({ id, score }) => {
        const row = byId.get(id);
        if (!row) return [];
        const article = toArticleRef({
          id: row.article_id,
          title: row.a_title,
          source: row.a_source,
          url: row.a_url,
          origin: row.a_origin,
          published_at: row.a_published_at,
        });
        return [{ passage: toPassage(row), article, score }];
      });
    },

    async getPassages(articleId) {
      const { rows } = await pool.query<PgPassageRow>(
        `SELECT ${PASSAGE_COLUMNS} FROM passages WHERE article_id = $1 ORDER BY ordinal`,
        [articleId],
      );
      return rows.map(toPassage);
    },

    async getPassagesByIds(ids) {
      const found = new Map<number, Passage>();
      if (ids.length === 0) return found;
      const { rows } = await pool.query<PgPassageRow>(
        `SELECT ${PASSAGE_COLUMNS} FROM passages WHERE id = ANY($1::int[])`,
        [[...new Set(ids)]],
      );
      for (const row of rows) found.set(row.id, toPassage(row));
      return found;
    },

    async documentFrequencies(terms) {
      const stats = await readRankingStats(pool, [...new Set(terms)]);
      return { total: stats.total, frequencies: new Map(stats.terms.map((t) => [t.term, t.df])) };
    },

    async stats(): Promise<CorpusStats> {
      const [counts, outlets, range] = await Promise.all([
        pool.query<{ articles: number; passages: number; last: string | null }>(
          `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM passages) AS passages,
             (SELECT max(ingested_at) FROM articles) AS last`,
        ),
        pool.query<{ source: string | null; articles: number }>(
          `SELECT source, count(*)::int AS articles FROM articles GROUP BY source
           ORDER BY articles DESC, source COLLATE "C" NULLS FIRST`,
        ),
        pool.query<{ from: string | null; to: string | null }>(
          'SELECT min(published_at) AS "from", max(published_at) AS "to" FROM articles',
        ),
      ]);
      const c = counts.rows[0];
      const r = range.rows[0];
      return {
        articles: c?.articles ?? 0,
        passages: c?.passages ?? 0,
        outlets: outlets.rows,
        publishedRange: r?.from && r.to ? { from: r.from, to: r.to } : null,
        lastIngestedAt: c?.last ?? null,
      };
    },

    settleChampions: () => champions.settle(),

    async close() {
      if (closed) return;
      closed = true;
      await champions.settle();
      await options.onClose?.();
    },
  };
}

/** Refreshes until no passage waits (or another process is refreshing: it will fold them in). */
async function refreshAllChampions(pool: Pool, listSize: number): Promise<void> {
  for (;;) {
    const { passages, more } = await refreshChampions(pool, listSize);
    if (passages === 0 || !more) return;
  }
}
