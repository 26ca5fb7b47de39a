/**
 * @module bench/postgres-floor
 * The floor Briefbot's PostgreSQL store is measured against (as bench/fts5-floor.ts is for SQLite): a
 * raw tsvector table over the very passages Briefbot stored, copied inside the same database, with a
 * GIN index, queried with an OR of the query's words (websearch_to_tsquery 'english') ranked by
 * ts_rank over title (weight A) and body (weight B), ten results with the passage text. No BM25, no
 * re-ranking, no duplicate folding, no answer: what any search box on PostgreSQL costs.
 */
import type pg from 'pg';
import { STOPWORDS } from '../src/core/text/stopwords.js';
import { FLOOR_RESULTS } from './fts5-floor.js';

/** Builds (replacing) the floor table from the store's passages; returns how many rows it holds. */
export async function buildPgFloor(pool: pg.Pool): Promise<number> {
  await pool.query('DROP TABLE IF EXISTS bench_floor');
  await pool.query(
    `CREATE TABLE bench_floor AS
       SELECT p.id, a.title, p.text AS body,
         setweight(to_tsvector('english', a.title), 'A') || setweight(to_tsvector('english', p.text), 'B') AS tsv
       FROM passages p JOIN articles a ON a.id = p.article_id`,
  );
  await pool.query('CREATE INDEX bench_floor_tsv ON bench_floor USING gin (tsv)');
  await pool.query('ANALYZE bench_floor');
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_floor');
  return rows[0]?.n ?? 0;
}

/** The query's words, stopwords out (the list Briefbot drops), ORed for websearch_to_tsquery. */
export function pgFloorQueryOf(query: string): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w) && w !== 'or');
  return [...new Set(words)].join(' or ');
}

export const PG_FLOOR_SQL = `SELECT f.id, f.title, f.body, ts_rank(f.tsv, q) AS score
  FROM bench_floor f, websearch_to_tsquery('english', $1) q WHERE f.tsv @@ q
  ORDER BY score DESC LIMIT $2`;

export function createPgFloorSearch(pool: pg.Pool): { search(query: string): Promise<unknown[]> } {
  return {
    async search(query) {
      const text = pgFloorQueryOf(query);
      if (text === '') return [];
      return (await pool.query(PG_FLOOR_SQL, [text, FLOOR_RESULTS])).rows;
    },
  };
}
