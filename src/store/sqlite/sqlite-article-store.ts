/**
 * @module store/sqlite/sqlite-article-store
 * The ArticleStore port on embedded SQLite (better-sqlite3): articles, passages, and an FTS5 index of
 * the core's own index terms, ranked by bm25(). One transaction per article, so a crash mid-ingest
 * leaves either the old version or the new one, never half of either.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleRef, Passage, PassageHit, SentenceSpan } from '../../core/article.js';
import type {
  ArticleStore,
  CorpusStats,
  PassageQuery,
  StoredArticleInput,
  UpsertOutcome,
  UpsertResult,
} from '../../core/ports.js';
import { BriefError } from '../../errors.js';
import { migrate } from './migrations.js';

/** Column weights for bm25(): a term in the title counts more than one in the body. */
export const TITLE_WEIGHT = 2;
export const BODY_WEIGHT = 1;

interface ArticleRow {
  id: string;
  origin: string;
  content_hash: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
  text: string;
  ingested_at: string;
}

interface PassageRow {
  id: number;
  article_id: string;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  sentences: string;
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  readonly?: boolean;
}

export function openSqliteDatabase(path: string): Database.Database {
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
  migrate(db);
  return db;
}

/** Article ids are stable per origin, so an updated article keeps its id (and its place in stories). */
export function articleIdFor(origin: string): string {
  return createHash('sha256').update(origin).digest('hex').slice(0, 16);
}

export function createSqliteArticleStore(db: Database.Database): ArticleStore {
  const statements = {
    byOrigin: db.prepare<[string], { id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE origin = ?',
    ),
    byHash: db.prepare<[string], { id: string }>('SELECT id FROM articles WHERE content_hash = ? LIMIT 1'),
    insertArticle: db.prepare(
      `INSERT INTO articles (id, origin, content_hash, title, source, url, published_at, text, first_ingested_at, ingested_at)
       VALUES (@id, @origin, @contentHash, @title, @source, @url, @publishedAt, @text, @now, @now)`,
    ),
    updateArticle: db.prepare(
      `UPDATE articles SET content_hash = @contentHash, title = @title, source = @source, url = @url,
       published_at = @publishedAt, text = @text, ingested_at = @now WHERE id = @id`,
    ),
    passageIds: db.prepare<[string], { id: number }>('SELECT id FROM passages WHERE article_id = ?'),
    deleteIndexRow: db.prepare('DELETE FROM passage_index WHERE rowid = ?'),
    deletePassages: db.prepare('DELETE FROM passages WHERE article_id = ?'),
    insertPassage: db.prepare(
      'INSERT INTO passages (article_id, ordinal, start, end, text, sentences) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertIndexRow: db.prepare('INSERT INTO passage_index (rowid, title, body) VALUES (?, ?, ?)'),
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

  const writeRows = (input: StoredArticleInput, now: string) => {
    const { draft } = input;
    const existing = statements.byOrigin.get(draft.origin);
    if (existing && existing.content_hash === input.contentHash) {
      return { outcome: 'unchanged' as UpsertOutcome, articleId: existing.id };
    }
    if (!existing) {
      const twin = statements.byHash.get(input.contentHash);
      if (twin) return { outcome: 'unchanged' as UpsertOutcome, articleId: twin.id };
    }
    const id = existing?.id ?? articleIdFor(draft.origin);
    const row = { ...draft, id, contentHash: input.contentHash, now };
    if (existing) {
      for (const { id: passageId } of statements.passageIds.all(id)) statements.deleteIndexRow.run(passageId);
      statements.deletePassages.run(id);
      statements.updateArticle.run(row);
    } else {
      statements.insertArticle.run(row);
    }
    const titleTerms = input.titleTerms.join(' ');
    input.passages.forEach((passage, i) => {
      const sentences = JSON.stringify(passage.sentences.map((s) => [s.start, s.end]));
      const text = draft.text.slice(passage.start, passage.end);
      const { lastInsertRowid } = statements.insertPassage.run(
        id,
        passage.ordinal,
        passage.start,
        passage.end,
        text,
        sentences,
      );
      statements.insertIndexRow.run(lastInsertRowid, titleTerms, (input.passageTerms[i] ?? []).join(' '));
    });
    return { outcome: (existing ? 'updated' : 'added') as UpsertOutcome, articleId: id };
  };
  // Inside a batch, a nested transaction is a savepoint, and FTS5 flushes its pending index to a new
  // segment at every savepoint: one savepoint per article doubled the time spent in SQLite. So a group
  // of articles is written under one savepoint, and only if one of them fails is the group rolled back
  // and written again one savepoint per article, so the failing one is rolled back alone.
  const writeArticle = db.transaction(writeRows);
  const writeGroup = db.transaction((items: { input: StoredArticleInput; now: string }[]) =>
    items.map(({ input, now }) => writeRows(input, now)),
  );
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

  return {
    inBatch(work) {
      // Nested better-sqlite3 transactions become savepoints: each article's write still rolls back
      // alone, while the batch commits (and syncs) once.
      return db.transaction(work)();
    },

    upsertArticle(input, now) {
      const result = writeArticle(input, now);
      forgetWritten(result);
      return result;
    },

    upsertArticles(items): UpsertResult[] {
      // Some failures (disk full, I/O errors, a trigger's RAISE(ROLLBACK)) make SQLite roll back the
      // whole enclosing transaction, not just the savepoint. Writing on one by one would then commit
      // articles outside the batch the caller is in, so the failure goes up to the batch instead.
      const inBatch = db.inTransaction;
      const batchLost = () => inBatch && !db.inTransaction;
      let results: UpsertResult[];
      try {
        results = writeGroup(items);
      } catch (groupError) {
        if (batchLost()) throw groupError;
        results = items.map(({ input, now }) => {
          try {
            return writeArticle(input, now);
          } catch (error) {
            if (batchLost()) throw error;
            return { error: (error as Error).message };
          }
        });
      }
      for (const result of results) if (!('error' in result)) forgetWritten(result);
      return results;
    },

    hasOrigin(origin) {
      return statements.byOrigin.get(origin) !== undefined;
    },

    getArticle(id) {
      const row = statements.getArticle.get(id);
      return row ? toArticle(row) : null;
    },

    listArticles(options = {}) {
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
    },

    searchPassages(query: PassageQuery): PassageHit[] {
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
    },

    listArticlesBetween(from, to, limit) {
      return statements.between.all({ from, to, limit }).map(toArticle);
    },

    getPassages(articleId) {
      return statements.getPassages.all(articleId).map(toPassage);
    },

    documentFrequencies(terms) {
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
    },

    stats(): CorpusStats {
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
    },

    close() {
      db.close();
    },
  };

  function passagesByIds(ids: number[]): Map<number, Passage> {
    const placeholders = ids.map(() => '?').join(',');
    const rows = db
      .prepare<number[], PassageRow>(`SELECT * FROM passages WHERE id IN (${placeholders})`)
      .all(...ids);
    return new Map(rows.map((row) => [row.id, toPassage(row)]));
  }
}

/** Terms are plain [a-z0-9] words from the core tokenizer; quoting keeps FTS5 from reading operators. */
export function toMatchExpression(terms: string[]): string {
  const clean = [...new Set(terms.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean))];
  return clean.map((t) => `"${t}"`).join(' OR ');
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    origin: row.origin,
    contentHash: row.content_hash,
    title: row.title,
    source: row.source,
    url: row.url,
    publishedAt: row.published_at,
    text: row.text,
    ingestedAt: row.ingested_at,
  };
}

function toPassage(row: PassageRow): Passage {
  const sentences: SentenceSpan[] = (JSON.parse(row.sentences) as [number, number][]).map(([start, end]) => ({
    start,
    end,
  }));
  return {
    id: row.id,
    articleId: row.article_id,
    ordinal: row.ordinal,
    start: row.start,
    end: row.end,
    text: row.text,
    sentences,
  };
}
