/**
 * @module bench/fts5-floor
 * The floor Briefbot is measured against: raw SQLite FTS5 over the very passages Briefbot stored (read
 * back through the store port), in a separate database with FTS5's own `porter unicode61` tokenizer,
 * queried with a plain OR of the query's words ranked by bm25() — the same column weights and the
 * same ten results, with the passage text returned as Briefbot's hits are. No re-ranking, no
 * duplicate folding, no answer: what any search box on SQLite costs.
 */
import Database from 'better-sqlite3';
import type { ArticleStore } from '../src/core/ports.js';
import { STOPWORDS } from '../src/core/text/stopwords.js';
import { BODY_WEIGHT, TITLE_WEIGHT } from '../src/store/sqlite/sqlite-article-store.js';

export const FLOOR_RESULTS = 10;
const BATCH_ARTICLES = 2000;

export interface FloorRow {
  rowid: number;
  title: string;
  body: string;
  score: number;
}

/** Copies every stored passage of `articleIds` into a fresh FTS5 table; returns how many it copied. */
export async function buildFloor(
  path: string,
  store: ArticleStore,
  articleIds: Iterable<string>,
): Promise<number> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE passage_text USING fts5(title, body, tokenize='porter unicode61')`);
  const insert = db.prepare('INSERT INTO passage_text (title, body) VALUES (?, ?)');
  let passages = 0;
  let batch: string[] = [];
  // Read first (the store is async), then write the batch in one synchronous transaction.
  const write = db.transaction((rows: [string, string][]) => {
    for (const [title, text] of rows) insert.run(title, text);
  });
  const copy = async (ids: string[]) => {
    const articles = await store.getArticles(ids);
    const rows: [string, string][] = [];
    for (const id of ids) {
      const article = articles.get(id);
      if (!article) continue;
      for (const passage of await store.getPassages(id)) rows.push([article.title, passage.text]);
    }
    write(rows);
    passages += rows.length;
  };
  for (const id of articleIds) {
    batch.push(id);
    if (batch.length === BATCH_ARTICLES) {
      await copy(batch);
      batch = [];
    }
  }
  await copy(batch);
  // One merged b-tree per term, as a long-lived index would end up after automerge.
  db.exec(`INSERT INTO passage_text (passage_text) VALUES ('optimize')`);
  db.close();
  return passages;
}

/** The query's words, stopwords out (the same list Briefbot drops), quoted and ORed. */
export function floorMatchOf(query: string): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w));
  return [...new Set(words)].map((w) => `"${w}"`).join(' OR ');
}

export function createFloorSearch(path: string): { search(query: string): FloorRow[]; close(): void } {
  const db = new Database(path, { readonly: true });
  const statement = db.prepare<[string, number], FloorRow>(
    `SELECT rowid, title, body, bm25(passage_text, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
     FROM passage_text WHERE passage_text MATCH ? ORDER BY score LIMIT ?`,
  );
  return {
    search(query) {
      const match = floorMatchOf(query);
      return match === '' ? [] : statement.all(match, FLOOR_RESULTS);
    },
    close: () => db.close(),
  };
}
