/**
 * @module store/postgres/pg-champion-search
 * BM25 top k over a bounded candidate set: each common term's champion list (pg-champions.ts), every
 * passage of the rare terms (GIN) and the passages not yet in the lists. The lists' own entries give
 * each list candidate a partial score; the best of them, the rare terms' passages and the waiting ones
 * are scored in full. Exact when the k-th score proves no other passage can reach it; otherwise by an
 * extra exact pass when the passages that could still reach it are few enough; otherwise the top k of
 * what was scored (how often, and how close, in docs/BENCHMARKS.md "Champion lists"). The work per
 * query depends on the lists' length and the tuning, not on the corpus size.
 */
import type { PgSearchTuning } from '../../core/tuning.js';
import { BM25 } from '../bm25.js';
import {
  BOUND_SLACK,
  essentialTerms,
  type Queryable,
  type RankingStats,
  type ScoredPassage,
  scorePassages,
  type TermStat,
  topPassagesByBm25,
} from './pg-ranking.js';

/** How a ranking was reached: proven by the lists, by an extra exact pass, by MaxScore, or not proven. */
export type RankingPath = 'lists' | 'exact-pass' | 'maxscore' | 'unproven';

export interface ChampionRanking {
  hits: ScoredPassage[];
  path: RankingPath;
}

/** A list candidate and the most it can score in all. */
interface ListCandidate {
  id: number;
  upper: number;
}

/** The top `limit` passages by BM25 (as topPassagesByBm25), from the champion candidates. */
export async function topPassagesByChampions(
  db: Queryable,
  stats: RankingStats,
  limit: number,
  since: string | null,
  tuning: PgSearchTuning,
): Promise<ChampionRanking> {
  const live = stats.terms.filter((t) => t.df > 0);
  if (live.length === 0 || limit <= 0) return { hits: [], path: 'lists' };
  // Before the first refresh every passage is waiting: MaxScore over GIN is the faster exact way.
  if (!stats.champions) return { hits: await topPassagesByBm25(db, stats, limit, since), path: 'maxscore' };
  const listed = live.filter((t) => t.tailBound !== null);
  const unlisted = live.filter((t) => t.tailBound === null).map((t) => t.term);
  const candidates = listed.length > 0 ? await listCandidates(db, stats, listed) : [];
  const rescored = Math.max(limit, tuning.rescoredCandidates);
  const hits = await scorePassages(db, stats, live, {
    from: `passages p WHERE p.id = ANY(ARRAY(SELECT unnest($10::int[])
             UNION SELECT id FROM passages WHERE terms && $11::text[]
             UNION SELECT passage_id FROM passages_unranked))
           AND p.terms && $12::text[]`,
    params: [candidates.slice(0, rescored).map((c) => c.id), unlisted, live.map((t) => t.term)],
    limit,
    since,
  });
  const bar = hits.length >= limit ? (hits[limit - 1]?.score ?? 0) : 0;
  const reaches = (c: ListCandidate) => c.upper * (1 + BOUND_SLACK) >= bar;
  // A passage that is no candidate is outside the list of every query term it holds: each adds at
  // most its tail bound, and the terms whose tail bounds stay under the bar together cannot lift it.
  const essential = essentialTerms(
    listed.map((t) => ({ ...t, bound: t.tailBound ?? 0 })),
    bar,
  );
  const unscored = candidates.slice(rescored).filter(reaches);
  if (essential.length === 0 && unscored.length === 0) return { hits, path: 'lists' };
  if (sumDf(essential) + unscored.length <= tuning.exactPassPassages) {
    const more = await scorePassages(db, stats, live, {
      from: 'passages p WHERE (p.id = ANY($10::int[]) OR p.terms && $11::text[])',
      params: [unscored.map((c) => c.id), essential.map((t) => t.term)],
      limit,
      since,
    });
    return { hits: merged(hits, more, limit), path: 'exact-pass' };
  }
  // A time window can leave the lists with few candidates in it: exact MaxScore instead.
  if (since !== null) return { hits: await topPassagesByBm25(db, stats, limit, since), path: 'maxscore' };
  return { hits, path: 'unproven' };
}

/**
 * The passages in the query terms' lists, best first by the summands of the terms they are listed
 * for (exact: each entry keeps its tf and length), with the most each can score: that, plus the tail
 * bound of every other listed query term. Whole lists are read (at most championListSize each, as
 * refreshed): an entry left unread would be bounded by no tail.
 */
async function listCandidates(
  db: Queryable,
  stats: RankingStats,
  listed: readonly TermStat[],
): Promise<ListCandidate[]> {
  const tails = listed.map((t) => t.tailBound ?? 0);
  const { rows } = await db.query<{ id: number; upper: number }>(
    `SELECT id, listed + $8::float8 - listed_tails AS upper
     FROM (SELECT c.passage_id AS id, sum(q.tail) AS listed_tails,
             sum(q.idf * c.tf * $3::float8 / (c.tf + $4::float8 * ($5::float8 + $6::float8 * c.length / $7::float8))) AS listed
           FROM unnest($1::text[], $2::float8[], $9::float8[]) AS q(term, idf, tail)
             JOIN term_champions c ON c.term = q.term
           GROUP BY c.passage_id) AS candidate
     ORDER BY listed DESC, id`,
    [
      listed.map((t) => t.term),
      listed.map((t) => t.idf),
      BM25.k1 + 1,
      BM25.k1,
      1 - BM25.b,
      BM25.b,
      stats.averageLength || 1,
      tails.reduce((a, b) => a + b, 0),
      tails,
    ],
  );
  return rows;
}

function sumDf(terms: readonly TermStat[]): number {
  return terms.reduce((sum, t) => sum + t.df, 0);
}

/** The top `limit` of two exact rankings, ties in passage order. */
function merged(a: readonly ScoredPassage[], b: readonly ScoredPassage[], limit: number): ScoredPassage[] {
  const byId = new Map<number, ScoredPassage>();
  for (const hit of [...a, ...b]) byId.set(hit.id, hit);
  return [...byId.values()].sort((x, y) => y.score - x.score || x.id - y.id).slice(0, limit);
}
