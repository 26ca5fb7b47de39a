/**
 * @module eval/rtqa/peers/fts5-ranker
 * Raw SQLite FTS5: a separate in-memory table over the raw passage text and title with
 * tokenize='porter unicode61', queried with a plain OR of the question's words and ranked by bm25().
 * No query understanding at all: the latency floor the issue measures Briefbot against.
 */
import Database from 'better-sqlite3';
import type { PassageDoc, PassageRanker } from './passage-ranker.js';

/** The question's distinct words, quoted so FTS5 reads none of them as operators, joined by OR. */
export function orQueryOf(question: string): string {
  const words = [
    ...new Set(
      question
        .normalize('NFKC')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    ),
  ];
  return words.map((w) => `"${w}"`).join(' OR ');
}

export function createFts5Ranker(docs: readonly PassageDoc[]): PassageRanker & { close(): void } {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE passages USING fts5(title, body, tokenize='porter unicode61')`);
  const insert = db.prepare('INSERT INTO passages (rowid, title, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const doc of docs) insert.run(doc.key, doc.title, doc.text);
  })();
  const query = db.prepare<[string, number], { key: number }>(
    'SELECT rowid AS key FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT ?',
  );
  return {
    name: 'fts5',
    search(question, limit) {
      const match = orQueryOf(question);
      return match === '' ? [] : query.all(match, limit).map((r) => r.key);
    },
    close: () => db.close(),
  };
}
