/**
 * @module store/bm25
 * BM25 over the core's index terms, scored the way SQLite FTS5's bm25() scores them (per-column
 * weights on term frequency, k1 = 1.2, b = 0.75, IDF floored just above zero), so that a store
 * without FTS5 (memory, PostgreSQL) ranks candidates as the SQLite store does.
 */

/** FTS5's constants (fts5_aux.c); not tuned here: they keep the stores' rankings the same. */
export const BM25 = { k1: 1.2, b: 0.75, idfFloor: 1e-6 } as const;

/** Column weights: a term in the title counts more than one in the body (as in the SQLite store). */
export const TITLE_WEIGHT = 2;
export const BODY_WEIGHT = 1;

/** One candidate passage's term counts. */
export interface Bm25Doc {
  /** Occurrences of each query term in the title and in the body. */
  title: ReadonlyMap<string, number>;
  body: ReadonlyMap<string, number>;
  /** Tokens in title + body (FTS5's row length). */
  length: number;
}

export interface Bm25Corpus {
  /** Passages in the index. */
  total: number;
  /** Mean row length (title + body tokens). */
  averageLength: number;
  /** Passages holding each query term (in either column). */
  frequencies: ReadonlyMap<string, number>;
}

/** IDF as FTS5 computes it: log((N - n + 0.5) / (n + 0.5)), never below a tiny positive floor. */
export function bm25Idf(total: number, df: number): number {
  const idf = Math.log((total - df + 0.5) / (df + 0.5));
  return idf <= 0 ? BM25.idfFloor : idf;
}

/** A term's frequency in a row with the column weights applied. */
export function weightedTf(title: number, body: number): number {
  return TITLE_WEIGHT * title + BODY_WEIGHT * body;
}

/** The score of `doc` for `terms` (distinct), higher is better (FTS5's bm25() is this, negated). */
export function bm25Score(terms: readonly string[], doc: Bm25Doc, corpus: Bm25Corpus): number {
  const norm = BM25.k1 * (1 - BM25.b + (BM25.b * doc.length) / (corpus.averageLength || 1));
  let score = 0;
  for (const term of terms) {
    const tf = weightedTf(doc.title.get(term) ?? 0, doc.body.get(term) ?? 0);
    if (tf === 0) continue;
    const idf = bm25Idf(corpus.total, corpus.frequencies.get(term) ?? 0);
    score += (idf * tf * (BM25.k1 + 1)) / (tf + norm);
  }
  return score;
}

/**
 * The most one term can add to any row's score (`bm25Score`'s summand), given the largest weighted
 * term frequency it reaches in a row: the summand grows with tf and shrinks with the row's length, so
 * it is at most its value at that tf and length 0. A store that skips rows whose terms together cannot
 * reach the k-th score (MaxScore pruning) ranks exactly as one that scores every row.
 */
export function bm25TermBound(idf: number, maxWeightedTf: number): number {
  if (maxWeightedTf <= 0) return 0;
  return (idf * maxWeightedTf * (BM25.k1 + 1)) / (maxWeightedTf + BM25.k1 * (1 - BM25.b));
}

/** Term counts of a token list, for the terms asked about only. */
export function countTerms(tokens: readonly string[], wanted: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) if (wanted.has(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
