/**
 * @module store/postgres/pg-ranking
 * BM25 search inside PostgreSQL, scored exactly as store/bm25.ts scores it (FTS5's bm25(), not
 * ts_rank), with MaxScore pruning so that a query with common words does not score every passage that
 * holds one: the rarest terms are scored first, and their k-th score tells which common terms cannot,
 * even all together, lift a passage into the top k; only passages holding another term are scored.
 */
import type { Pool, PoolClient } from 'pg';
import { BM25, BODY_WEIGHT, bm25Idf, bm25TermBound, TITLE_WEIGHT, weightedTf } from '../bm25.js';
import { tailWeightAt } from './pg-champions.js';

/** Where the queries go: the pool, or one client inside a transaction. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** One query term as the index knows it. */
export interface TermStat {
  term: string;
  /** Passages holding the term. */
  df: number;
  idf: number;
  /** The most the term can add to one passage's score (bm25TermBound). */
  bound: number;
  /**
   * The most the term can add to the score of a passage outside its champion list (pg-champions.ts),
   * or null when the term has no list (search finds all its passages through GIN).
   */
  tailBound: number | null;
}

export interface RankingStats {
  total: number;
  averageLength: number;
  terms: TermStat[];
  /** Whether the champion lists were ever refreshed (migration 12); before, search uses MaxScore only. */
  champions: boolean;
}

/** A scored passage id and its article, best first. */
export interface ScoredPassage {
  id: number;
  score: number;
}

/**
 * Passages the first pass may score (the sum of its terms' document frequencies): enough that it
 * usually finds k passages with a rare term, whose k-th score sets the bar. Speed only: the ranking
 * is exact whatever this is.
 */
export const FIRST_PASS_PASSAGES = 5_000;

/** Relative slack on the summed bounds, so that rounding in SQL can never let a skipped row tie. */
export const BOUND_SLACK = 1e-9;

/** N, the average row length and each term's document frequency and bounds, in one round trip. */
export async function readRankingStats(db: Queryable, terms: readonly string[]): Promise<RankingStats> {
  const { rows } = await db.query<{
    term: string | null;
    df: number;
    max_title: number;
    max_body: number;
    tail: number | null;
    passages: string;
    tokens: string;
    reference: number | null;
  }>(
    `SELECT q.term, coalesce(s.df, 0) AS df, coalesce(s.max_title, 0) AS max_title,
       coalesce(s.max_body, 0) AS max_body, c.tail, t.passages, t.tokens,
       (SELECT reference_length FROM champion_settings WHERE id = 1) AS reference
     FROM passage_totals t LEFT JOIN LATERAL unnest($1::text[]) AS q(term) ON true
       LEFT JOIN term_stats s ON s.term = q.term
       LEFT JOIN term_champion_tails c ON c.term = q.term
     WHERE t.id = 1`,
    [terms],
  );
  const total = Number(rows[0]?.passages ?? 0);
  const averageLength = total === 0 ? 0 : Number(rows[0]?.tokens ?? 0) / total;
  const reference = rows[0]?.reference ?? null;
  const stats: TermStat[] = [];
  for (const row of rows) {
    if (row.term === null) continue;
    const idf = bm25Idf(total, row.df);
    const bound = bm25TermBound(idf, weightedTf(row.max_title, row.max_body));
    stats.push({
      term: row.term,
      df: row.df,
      idf,
      bound,
      tailBound:
        row.tail === null || reference === null
          ? null
          : Math.min(bound, idf * (BM25.k1 + 1) * tailWeightAt(row.tail, reference, averageLength)),
    });
  }
  return { total, averageLength, terms: stats, champions: reference !== null };
}

/**
 * The top `limit` passages for the query terms (distinct, in the order their scores are summed), BM25
 * as bm25Score computes it, ties in passage order. `since` keeps only articles published (or, without
 * a date, ingested) at or after it.
 */
export async function topPassagesByBm25(
  db: Queryable,
  stats: RankingStats,
  limit: number,
  since: string | null,
  firstPassPassages = FIRST_PASS_PASSAGES,
): Promise<ScoredPassage[]> {
  const live = stats.terms.filter((t) => t.df > 0);
  if (live.length === 0 || limit <= 0) return [];
  const score = (candidates: readonly TermStat[]) =>
    scoreCandidates(db, stats, live, candidates, limit, since);
  const first = firstPassTerms(live, firstPassPassages);
  const firstHits = await score(first);
  if (first.length === live.length) return firstHits;
  const bar = firstHits.length >= limit ? (firstHits[limit - 1]?.score ?? 0) : 0;
  const essential = essentialTerms(live, bar);
  const scored = new Set(first.map((t) => t.term));
  // Every passage the first pass did not score holds only skipped terms: it cannot reach the bar.
  if (essential.every((t) => scored.has(t.term))) return firstHits;
  return score(essential);
}

/** The rarest terms, as many as hold at most `budget` passages together (at least one). */
export function firstPassTerms(live: readonly TermStat[], budget: number): TermStat[] {
  const first: TermStat[] = [];
  let passages = 0;
  for (const term of [...live].sort((a, b) => a.df - b.df)) {
    if (first.length > 0 && passages + term.df > budget) break;
    first.push(term);
    passages += term.df;
  }
  return first;
}

/**
 * The terms that must find the candidates when a passage has to beat `bar` to enter the top k: the
 * weakest terms whose bounds together stay under the bar cannot lift a passage holding only them
 * there, so they are left out (they still count in the score of a passage found by another term).
 */
export function essentialTerms(live: readonly TermStat[], bar: number): TermStat[] {
  const skipped = new Set<string>();
  let sum = 0;
  for (const term of [...live].sort((a, b) => a.bound - b.bound)) {
    if ((sum + term.bound) * (1 + BOUND_SLACK) >= bar) break;
    sum += term.bound;
    skipped.add(term.term);
  }
  return live.filter((t) => !skipped.has(t.term));
}

/** BM25 in SQL over the passages holding any `candidates` term (GIN), the top `limit` of them. */
function scoreCandidates(
  db: Queryable,
  stats: RankingStats,
  terms: readonly TermStat[],
  candidates: readonly TermStat[],
  limit: number,
  since: string | null,
): Promise<ScoredPassage[]> {
  return scorePassages(db, stats, terms, {
    from: 'passages p WHERE p.terms && $10::text[]',
    params: [candidates.map((t) => t.term)],
    limit,
    since,
  });
}

/**
 * Passages to score: `from` is SQL naming the passages `p` (and starting their WHERE), with its own
 * parameters from $10; `since` and `limit` follow them.
 */
export interface PassageSource {
  from: string;
  params: unknown[];
  limit: number;
  since: string | null;
}

/** BM25 of the passages `source` names, for `terms`, the top `source.limit`, ties in passage order. */
export async function scorePassages(
  db: Queryable,
  stats: RankingStats,
  terms: readonly TermStat[],
  source: PassageSource,
): Promise<ScoredPassage[]> {
  const sinceParam = 10 + source.params.length;
  // The same operations in the same order as bm25Score, so the scores are the same doubles:
  // idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgdl)), summed in the terms' order.
  const { rows } = await db.query<{ id: number; score: number }>(
    `SELECT p.id, (
         SELECT coalesce(sum(q.idf * c.tf * $3::float8 / (c.tf + $4::float8 * ($5::float8 + $6::float8 * p.length / $7::float8))), 0)
         FROM unnest($1::text[], $2::float8[]) AS q(term, idf)
           CROSS JOIN LATERAL (SELECT p.term_counts -> q.term AS v) AS j
           CROSS JOIN LATERAL (SELECT $8::float8 * (j.v ->> 0)::int + $9::float8 * (j.v ->> 1)::int AS tf) AS c
         WHERE j.v IS NOT NULL
       ) AS score
     FROM ${source.from}
       AND ($${sinceParam}::text IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id
         AND COALESCE(a.published_at, a.ingested_at) >= $${sinceParam}::text))
     ORDER BY score DESC, p.id LIMIT $${sinceParam + 1}`,
    [
      terms.map((t) => t.term),
      terms.map((t) => t.idf),
      BM25.k1 + 1,
      BM25.k1,
      1 - BM25.b,
      BM25.b,
      stats.averageLength || 1,
      TITLE_WEIGHT,
      BODY_WEIGHT,
      ...source.params,
      source.since,
      source.limit,
    ],
  );
  return rows;
}
