/**
 * @module core/vector-search
 * Hybrid retrieval: the question's embedding finds passages by meaning, and their ranking is fused
 * with BM25's (reciprocal rank fusion). Without vectors for the current model, or when the embedder
 * fails, retrieval is BM25's alone: vectors can only add to it.
 */
import type { Embedder } from './answer-model.js';
import type { Article, ArticleRef, Passage } from './article.js';
import { fuseRankings, RRF_K } from './fuse-rankings.js';
import type { ArticleStore, Logger } from './ports.js';
import type { Query } from './query.js';
import { coverageOf, type RankedPassage, type TermWeights } from './retrieve-passages.js';
import { tokenize } from './text/tokenize.js';

export interface VectorHit {
  passageId: number;
  articleId: string;
  /** Cosine distance, 0 (same direction) to 2. */
  distance: number;
}

export interface StoredVector {
  passageId: number;
  articleId: string;
  /** Fingerprint of the text that was embedded: a changed passage is embedded again. */
  fingerprint: string;
  vector: Float32Array;
}

/** Passage vectors of one embedding model at a time. Async, like every store port. */
export interface VectorIndex {
  /** The model whose vectors are stored, or null when empty. */
  model(): Promise<string | null>;
  count(model: string): Promise<number>;
  /** The width of `model`'s vectors, or null when none of that model were ever stored. */
  dimensions(model: string): Promise<number | null>;
  /** Passage id → fingerprint, for `model` (empty for any other model). */
  fingerprints(model: string): Promise<Map<number, string>>;
  /** Stores vectors; vectors of another model are removed first, since they cannot be compared. */
  upsert(model: string, vectors: StoredVector[]): Promise<void>;
  /** Removes the vectors of passages not in `live`; returns how many. */
  prune(live: ReadonlySet<number>): Promise<number>;
  /** Nearest passages to `vector`, closest first. */
  nearest(model: string, vector: Float32Array, limit: number): Promise<VectorHit[]>;
}

/** What createBriefing needs for hybrid retrieval. */
export interface HybridVectors {
  index: VectorIndex;
  embedder: Embedder;
  /** The RRF constant; default 60. */
  k?: number;
}

/** BM25's ranking fused with the nearest passages to `text` (the question, with its thread). */
export async function hybridPassages(
  store: ArticleStore,
  vectors: HybridVectors,
  query: Query,
  text: string,
  weights: TermWeights,
  bm25: RankedPassage[],
  limit: number,
  logger: Logger,
): Promise<RankedPassage[]> {
  const model = vectors.embedder.model;
  if (query.terms.length === 0 || (await vectors.index.count(model)) === 0) return bm25;
  let embedding: Float32Array | undefined;
  try {
    [embedding] = await vectors.embedder.embed([text], { retries: 0 });
  } catch (error) {
    logger.warn('question embedding failed; BM25 only', { error: (error as Error).message });
    return bm25;
  }
  if (!embedding) return bm25;
  // A copy of a BM25 passage from another outlet counts for the passage it was folded into.
  const owner = new Map<number, number>();
  for (const r of bm25) for (const d of r.duplicates) owner.set(d.passage.id, r.passage.id);
  const hits = await vectors.index.nearest(model, embedding, limit * 2);
  const dense = resolveHits(await fetchHits(store, hits), hits, query, weights);
  const keyOf = (r: RankedPassage) => owner.get(r.passage.id) ?? r.passage.id;
  return fuseRankings([bm25, dense], keyOf, vectors.k ?? RRF_K)
    .slice(0, limit)
    .map(({ item, score }) => ({ ...item, score }));
}

/** The passages and articles of `hits`, read in two batches before any ranking. */
async function fetchHits(
  store: ArticleStore,
  hits: VectorHit[],
): Promise<{ passages: Map<number, Passage>; articles: Map<string, Article> }> {
  if (hits.length === 0) return { passages: new Map(), articles: new Map() };
  const [passages, articles] = await Promise.all([
    store.getPassagesByIds(hits.map((h) => h.passageId)),
    store.getArticles([...new Set(hits.map((h) => h.articleId))]),
  ]);
  return { passages, articles };
}

function resolveHits(
  found: { passages: Map<number, Passage>; articles: Map<string, Article> },
  hits: VectorHit[],
  query: Query,
  weights: TermWeights,
): RankedPassage[] {
  const ranked: RankedPassage[] = [];
  for (const hit of hits) {
    const article = found.articles.get(hit.articleId);
    const passage = found.passages.get(hit.passageId);
    if (!article || !passage || passage.articleId !== article.id) continue;
    if (query.since && (article.publishedAt ?? article.ingestedAt) < query.since) continue;
    const ref: ArticleRef = {
      id: article.id,
      title: article.title,
      source: article.source,
      url: article.url,
      origin: article.origin,
      publishedAt: article.publishedAt,
    };
    const own = new Set(tokenize(passage.text));
    const withTitle = new Set([...own, ...tokenize(ref.title)]);
    ranked.push({
      passage,
      article: ref,
      score: 1 - hit.distance,
      coverage: 0.5 * coverageOf(own, weights) + 0.5 * coverageOf(withTitle, weights),
      terms: own,
      duplicates: [],
    });
  }
  return ranked;
}
