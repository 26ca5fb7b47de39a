/**
 * @module store/memory/memory-corpus
 * The state of the memory article store: articles, passages with their index terms, and postings
 * (term → passage ids). A transaction works on the live state and restores a snapshot on failure.
 */
import type { Article, ArticleSource, Passage } from '../../core/article.js';

export interface IndexedPassage {
  passage: Passage;
  title: readonly string[];
  body: readonly string[];
}

export interface MemoryCorpus {
  articles: Map<string, Article>;
  firstIngestedAt: Map<string, string>;
  byOrigin: Map<string, string>;
  /** Article id → the input that brought it in. */
  sources: Map<string, ArticleSource>;
  /** Content hash → the first article stored with it. */
  byHash: Map<string, string>;
  articlePassages: Map<string, number[]>;
  passages: Map<number, IndexedPassage>;
  postings: Map<string, Set<number>>;
  /** Title + body tokens over all passages (for BM25's average row length). */
  tokenTotal: number;
  nextPassageId: number;
}

export function emptyCorpus(): MemoryCorpus {
  return {
    articles: new Map(),
    firstIngestedAt: new Map(),
    byOrigin: new Map(),
    sources: new Map(),
    byHash: new Map(),
    articlePassages: new Map(),
    passages: new Map(),
    postings: new Map(),
    tokenTotal: 0,
    nextPassageId: 1,
  };
}

/** A copy that later writes to `corpus` do not reach (entries are replaced, never mutated, except postings). */
export function snapshotOf(corpus: MemoryCorpus): MemoryCorpus {
  return {
    articles: new Map(corpus.articles),
    firstIngestedAt: new Map(corpus.firstIngestedAt),
    byOrigin: new Map(corpus.byOrigin),
    sources: new Map(corpus.sources),
    byHash: new Map(corpus.byHash),
    articlePassages: new Map(corpus.articlePassages),
    passages: new Map(corpus.passages),
    postings: new Map([...corpus.postings].map(([term, ids]) => [term, new Set(ids)])),
    tokenTotal: corpus.tokenTotal,
    nextPassageId: corpus.nextPassageId,
  };
}
