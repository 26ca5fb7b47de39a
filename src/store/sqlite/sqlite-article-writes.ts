/**
 * @module store/sqlite/sqlite-article-writes
 * The SQLite write path of articles: one article's rows (article, passages, FTS5 index rows) all or
 * nothing, and groups of articles under one savepoint (docs/DESIGN.md "Writes"). Synchronous: the
 * store runs it under the connection's lock.
 */
import type Database from 'better-sqlite3';
import type { StoredArticleInput, UpsertOutcome, UpsertResult } from '../../core/ports.js';
import { articleIdFor } from '../article-id.js';

export interface SqliteArticleWrites {
  upsertArticle(input: StoredArticleInput, now: string): { outcome: UpsertOutcome; articleId: string };
  upsertArticles(items: { input: StoredArticleInput; now: string }[]): UpsertResult[];
}

/** `onWritten` is told of every article written (to forget cached reads). */
export function createSqliteArticleWrites(
  db: Database.Database,
  onWritten: (result: { outcome: UpsertOutcome; articleId: string }) => void,
): SqliteArticleWrites {
  const write = {
    byOrigin: db.prepare<[string], { id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE origin = ?',
    ),
    byHash: db.prepare<[string], { id: string }>('SELECT id FROM articles WHERE content_hash = ? LIMIT 1'),
    insertArticle: db.prepare(
      `INSERT INTO articles (id, origin, content_hash, title, source, url, published_at, text, first_ingested_at, ingested_at, source_kind, source_input)
       VALUES (@id, @origin, @contentHash, @title, @source, @url, @publishedAt, @text, @now, @now, @sourceKind, @sourceInput)`,
    ),
    updateArticle: db.prepare(
      `UPDATE articles SET content_hash = @contentHash, title = @title, source = @source, url = @url,
       published_at = @publishedAt, text = @text, ingested_at = @now, source_kind = @sourceKind,
       source_input = @sourceInput WHERE id = @id`,
    ),
    passageIds: db.prepare<[string], { id: number }>('SELECT id FROM passages WHERE article_id = ?'),
    deleteIndexRow: db.prepare('DELETE FROM passage_index WHERE rowid = ?'),
    deletePassages: db.prepare('DELETE FROM passages WHERE article_id = ?'),
    insertPassage: db.prepare(
      'INSERT INTO passages (article_id, ordinal, start, end, text, sentences) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertIndexRow: db.prepare('INSERT INTO passage_index (rowid, title, body) VALUES (?, ?, ?)'),
  };

  const writeRows = (input: StoredArticleInput, now: string) => {
    const { draft } = input;
    const existing = write.byOrigin.get(draft.origin);
    if (existing && existing.content_hash === input.contentHash) {
      return { outcome: 'unchanged' as UpsertOutcome, articleId: existing.id };
    }
    if (!existing) {
      const twin = write.byHash.get(input.contentHash);
      if (twin) return { outcome: 'unchanged' as UpsertOutcome, articleId: twin.id };
    }
    const id = existing?.id ?? articleIdFor(draft.origin);
    const { kind: sourceKind, input: sourceInput } = input.source;
    const row = { ...draft, id, contentHash: input.contentHash, now, sourceKind, sourceInput };
    if (existing) {
      for (const { id: passageId } of write.passageIds.all(id)) write.deleteIndexRow.run(passageId);
      write.deletePassages.run(id);
      write.updateArticle.run(row);
    } else {
      write.insertArticle.run(row);
    }
    const titleTerms = input.titleTerms.join(' ');
    input.passages.forEach((passage, i) => {
      const sentences = JSON.stringify(passage.sentences.map((s) => [s.start, s.end]));
      const text = draft.text.slice(passage.start, passage.end);
      const { lastInsertRowid } = write.insertPassage.run(
        id,
        passage.ordinal,
        passage.start,
        passage.end,
        text,
        sentences,
      );
      write.insertIndexRow.run(lastInsertRowid, titleTerms, (input.passageTerms[i] ?? []).join(' '));
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
  const forgetWritten = onWritten;

  const upsertArticles = (items: { input: StoredArticleInput; now: string }[]): UpsertResult[] => {
    // Some failures (disk full, I/O errors, a trigger's RAISE(ROLLBACK)) make SQLite roll back the
    // whole enclosing transaction, not just the savepoint. Writing on one by one would then commit
    // articles outside the transaction the caller is in, so the failure goes up to it instead.
    const inTransaction = db.inTransaction;
    const transactionLost = () => inTransaction && !db.inTransaction;
    let results: UpsertResult[];
    try {
      results = writeGroup(items);
    } catch (groupError) {
      if (transactionLost()) throw groupError;
      results = items.map(({ input, now }) => {
        try {
          return writeArticle(input, now);
        } catch (error) {
          if (transactionLost()) throw error;
          return { error: (error as Error).message };
        }
      });
    }
    for (const result of results) if (!('error' in result)) forgetWritten(result);
    return results;
  };
  const upsertArticle = (input: StoredArticleInput, now: string) => {
    const result = writeArticle(input, now);
    forgetWritten(result);
    return result;
  };
  return { upsertArticle, upsertArticles };
}
