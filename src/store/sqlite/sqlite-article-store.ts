/**
 * @module store/sqlite/sqlite-article-store
 * The ArticleStore port on embedded SQLite (better-sqlite3): articles, passages, and an FTS5 index of
 * the core's own index terms, ranked by bm25(). One transaction per article, so a crash mid-ingest
 * leaves either the old version or the new one, never half of either. Async like every store port:
 * calls run under the connection's lock (connection-lock.ts), which an open transaction holds.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleRef, Passage, PassageHit } from '../../core/article.js';
import { BriefError } from '../../core/errors.js';
import type {
  ArticleStore,
  ArticleWriter,
  CorpusStats,
  PassageQuery,
  StoredSource,
  UpsertOutcome,
} from '../../core/ports.js';
import { type SourceRow, toStoredSource } from '../article-source-row.js';
import { BODY_WEIGHT, TITLE_WEIGHT } from '../bm25.js';
import { lockOf } from './connection-lock.js';
import { migrate } from './migrations.js';
import { createSqliteArticleWrites } from './sqlite-article-writes.js';
import { type ArticleRow, chunked, type PassageRow, toArticle, toPassage } from './sqlite-rows.js';

export { articleIdFor } from '../article-id.js';

export { BODY_WEIGHT, TITLE_WEIGHT };

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  readonly?: boolean;
}

/** Opens (creating) the database and applies pending migrations; `onMigrated` hears how many ran. */
export function openSqliteDatabase(path: string, onMigrated?: (count: number) => void): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new BriefError('store', `Cannot open the database at ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const count = migrate(db);
  onMigrated?.(count);
  return db;
}

export function createSqliteArticleStore(db: Database.Database): ArticleStore {
  const statements = {
    byOrigin: db.prepare<[string], { id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE origin = ?',
    ),
    getArticle: db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE id = ?'),
    getPassages: db.prepare<[string], PassageRow>(
      'SELECT * FROM passages WHERE article_id = ? ORDER BY ordinal',
    ),
    search: db.prepare<[string, number], { id: number; score: number }>(
      `SELECT rowid AS id, bm25(passage_index, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
       FROM passage_index WHERE passage_index MATCH ? ORDER BY score LIMIT ?`,
    ),
    vocab: db.prepare<[string], { doc: number }>('SELECT doc FROM passage_vocab WHERE term = ?'),
    countPassages: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM passages'),
    between: db.prepare<[{ from: string; to: string; limit: number }], ArticleRow>(
      `SELECT * FROM articles
       WHERE (ingested_at > @from AND ingested_at <= @to)
          OR (published_at > @from AND published_at <= @to AND ingested_at <= @to)
       ORDER BY COALESCE(published_at, ingested_at) DESC LIMIT @limit`,
    ),
  };
  // The passage count only feeds IDF; it is recounted after this instance writes.
  let passageTotal: number | null = null;
  // Document frequencies only feed IDF too; forgotten whenever this instance writes.
  const dfCache = new Map<string, number>();

  const forgetWritten = (result: { outcome: UpsertOutcome; articleId: string }) => {
    if (result.outcome === 'updated') articleCache.delete(result.articleId);
    if (result.outcome !== 'unchanged') {
      passageTotal = null;
      dfCache.clear();
    }
  };

  // Search touches the same few articles again and again; their text is not needed for a hit.
  const articleCache = new Map<string, { ref: ArticleRef; ingestedAt: string }>();
  const refOf = (id: string): { ref: ArticleRef; ingestedAt: string } | null => {
    const cached = articleCache.get(id);
    if (cached) return cached;
    const row = statements.getArticle.get(id);
    if (!row) return null;
    const { text: _text, contentHash: _hash, ingestedAt, ...ref } = toArticle(row);
    if (articleCache.size > 5000) articleCache.clear();
    const entry = { ref, ingestedAt };
    articleCache.set(id, entry);
    return entry;
  };

  const writes = createSqliteArticleWrites(db, forgetWritten);
  const { upsertArticle, upsertArticles } = writes;
  const hasOrigin = (origin: string) => statements.byOrigin.get(origin) !== undefined;
  const storedSources = (origins: readonly string[]) => {
    const found = new Map<string, StoredSource>();
    for (const chunk of chunked([...new Set(origins)])) {
      const rows = db
        .prepare<string[], SourceRow>(
          `SELECT id, origin, content_hash, source_kind, source_input FROM articles
           WHERE origin IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const row of rows) found.set(row.origin, toStoredSource(row));
    }
    return found;
  };
  const forgetAll = () => {
    articleCache.clear();
    dfCache.clear();
    passageTotal = null;
  };
  const lock = lockOf(db);

  return {
    inTransaction<T>(work: (tx: ArticleWriter) => Promise<T>): Promise<T> {
      return lock.run(async () => {
        // IMMEDIATE takes the write lock at once: a deferred transaction that reads first cannot wait
        // for another process's writer (SQLite answers BUSY at once instead of honouring busy_timeout).
        db.exec('BEGIN IMMEDIATE');
        let open = true;
        // Inside the transaction the lock is ours: the handle writes straight through. Nested
        // better-sqlite3 transactions become savepoints, so each article still rolls back alone.
        const guard =
          <A extends unknown[], R>(write: (...args: A) => R) =>
          async (...args: A): Promise<R> => {
            if (!open) throw new BriefError('store', 'This transaction is already over');
            return write(...args);
          };
        const tx: ArticleWriter = {
          upsertArticle: guard(upsertArticle),
          upsertArticles: guard(upsertArticles),
          hasOrigin: guard(hasOrigin),
          storedSources: guard(storedSources),
        };
        try {
          const result = await work(tx);
          open = false;
          db.exec('COMMIT');
          return result;
        } catch (error) {
          open = false;
          if (db.inTransaction) db.exec('ROLLBACK');
          forgetAll();
          throw error;
        }
      });
    },

    upsertArticle: (input, now) => lock.run(() => upsertArticle(input, now)),

    upsertArticles: (items) => lock.run(() => upsertArticles(items)),

    hasOrigin: (origin) => lock.run(() => hasOrigin(origin)),

    storedSources: (origins) => lock.run(() => storedSources(origins)),

    getArticle: (id) =>
      lock.run(() => {
        const row = statements.getArticle.get(id);
        return row ? toArticle(row) : null;
      }),

    getArticles: (ids) =>
      lock.run(() => {
        const found = new Map<string, Article>();
        for (const chunk of chunked([...new Set(ids)])) {
          const rows = db
            .prepare<string[], ArticleRow>(
              `SELECT * FROM articles WHERE id IN (${chunk.map(() => '?').join(',')})`,
            )
            .all(...chunk);
          for (const row of rows) found.set(row.id, toArticle(row));
        }
        return found;
      }),

    listArticles: (options = {}) =>
      lock.run(() => {
        const rows = options.ingestedSince
          ? db
              .prepare<[string, number], ArticleRow>(
                'SELECT * FROM articles WHERE ingested_at >= ? ORDER BY ingested_at DESC LIMIT ?',
              )
              .all(options.ingestedSince, options.limit ?? -1)
          : db
              .prepare<[number], ArticleRow>('SELECT * FROM articles ORDER BY ingested_at DESC LIMIT ?')
              .all(options.limit ?? -1);
        return rows.map(toArticle);
      }),

    searchPassages: (query: PassageQuery) =>
      lock.run((): PassageHit[] => {
        const match = toMatchExpression(query.terms);
        if (match === '') return [];
        // With a date filter, over-fetch and filter: FTS5 ranks best when it owns the ORDER BY.
        const fetch = query.since ? query.limit * 4 : query.limit;
        const hits: PassageHit[] = [];
        const rows = statements.search.all(match, fetch);
        if (rows.length === 0) return hits;
        const passages = passagesByIds(rows.map((r) => r.id));
        for (const row of rows) {
          const passage = passages.get(row.id);
          if (!passage) continue;
          const entry = refOf(passage.articleId);
          if (!entry) continue;
          if (query.since && (entry.ref.publishedAt ?? entry.ingestedAt) < query.since) continue;
          hits.push({ passage, article: entry.ref, score: -row.score });
          if (hits.length >= query.limit) break;
        }
        return hits;
      }),

    listArticlesBetween: (from, to, limit) =>
      lock.run(() => statements.between.all({ from, to, limit }).map(toArticle)),

    getPassages: (articleId) => lock.run(() => statements.getPassages.all(articleId).map(toPassage)),

    getPassagesByIds: (ids) => lock.run(() => passagesByIds([...new Set(ids)])),

    documentFrequencies: (terms) =>
      lock.run(() => {
        const frequencies = new Map<string, number>();
        for (const term of new Set(terms)) {
          let df = dfCache.get(term);
          if (df === undefined) {
            df = statements.vocab.get(term)?.doc ?? 0;
            if (dfCache.size >= 100_000) dfCache.clear();
            dfCache.set(term, df);
          }
          frequencies.set(term, df);
        }
        passageTotal ??= statements.countPassages.get()?.n ?? 0;
        return { total: passageTotal, frequencies };
      }),

    stats: () =>
      lock.run((): CorpusStats => {
        const counts = db
          .prepare<[], { articles: number; passages: number; last: string | null }>(
            `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM passages) AS passages,
             (SELECT MAX(ingested_at) FROM articles) AS last`,
          )
          .get();
        const outlets = db
          .prepare<[], { source: string | null; articles: number }>(
            'SELECT source, COUNT(*) AS articles FROM articles GROUP BY source ORDER BY articles DESC, source',
          )
          .all();
        const range = db
          .prepare<[], { from: string | null; to: string | null }>(
            'SELECT MIN(published_at) AS "from", MAX(published_at) AS "to" FROM articles WHERE published_at IS NOT NULL',
          )
          .get();
        return {
          articles: counts?.articles ?? 0,
          passages: counts?.passages ?? 0,
          outlets,
          publishedRange: range?.from && range.to ? { from: range.from, to: range.to } : null,
          lastIngestedAt: counts?.last ?? null,
        };
      }),

    close: () =>
      lock.run(() => {
        if (db.open) db.close();
      }),
  };

  function passagesByIds(ids: number[]): Map<number, Passage> {
    const found = new Map<number, Passage>();
    for (const chunk of chunked(ids)) {
      const rows = db
        .prepare<number[], PassageRow>(
          `SELECT * FROM passages WHERE id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const row of rows) found.set(row.id, toPassage(row));
    }
    return found;
  }
}

/** Terms are plain [a-z0-9] words from the core tokenizer; quoting keeps FTS5 from reading operators. */
export function toMatchExpression(terms: string[]): string {
  const clean = [...new Set(terms.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean))];
  return clean.map((t) => `"${t}"`).join(' OR ');
}
