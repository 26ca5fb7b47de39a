/**
 * @module store/memory/memory-article-store
 * The ArticleStore port in memory: the same contract as the SQLite store (store/contract), BM25 scored
 * as FTS5 scores it. For tests and evaluations that need no file; async like every store port.
 */
import type { Article, ArticleRef, Passage, PassageHit } from '../../core/article.js';
import type {
  ArticleStore,
  ArticleWriter,
  CorpusStats,
  StoredArticleInput,
  StoredSource,
  UpsertOutcome,
  UpsertResult,
} from '../../core/ports.js';
import { articleIdFor } from '../article-id.js';
import { createLock } from '../async-lock.js';
import { type Bm25Corpus, bm25Score, countTerms } from '../bm25.js';
import { emptyCorpus, type IndexedPassage, type MemoryCorpus, snapshotOf } from './memory-corpus.js';

export interface MemoryArticleStoreOptions {
  /**
   * Called before each article is written; a throw fails that article alone (tests use it to inject
   * a failure, as a trigger does in SQL).
   */
  beforeWrite?: (input: StoredArticleInput) => void;
}

export function createMemoryArticleStore(options: MemoryArticleStoreOptions = {}): ArticleStore {
  let corpus: MemoryCorpus = emptyCorpus();
  const lock = createLock();
  let closed = false;

  const upsertArticle = (
    input: StoredArticleInput,
    now: string,
  ): { outcome: UpsertOutcome; articleId: string } => {
    if (closed) throw new Error('The store is closed');
    const { draft } = input;
    const existingId = corpus.byOrigin.get(draft.origin);
    const existing = existingId === undefined ? undefined : corpus.articles.get(existingId);
    if (existing && existing.contentHash === input.contentHash)
      return { outcome: 'unchanged', articleId: existing.id };
    if (!existing) {
      const twin = corpus.byHash.get(input.contentHash);
      if (twin) return { outcome: 'unchanged', articleId: twin };
    }
    options.beforeWrite?.(input);
    // Everything is computed before the first change, so a failure leaves the corpus as it was.
    const id = existing?.id ?? articleIdFor(draft.origin);
    const article: Article = {
      id,
      origin: draft.origin,
      contentHash: input.contentHash,
      title: draft.title,
      source: draft.source,
      url: draft.url,
      publishedAt: draft.publishedAt,
      text: draft.text,
      ingestedAt: now,
      firstIngestedAt: (existing && corpus.firstIngestedAt.get(id)) || now,
    };
    const passages: IndexedPassage[] = input.passages.map((p, i) => ({
      passage: {
        id: corpus.nextPassageId + i,
        articleId: id,
        ordinal: p.ordinal,
        start: p.start,
        end: p.end,
        text: draft.text.slice(p.start, p.end),
        sentences: p.sentences.map((s) => ({ start: s.start, end: s.end })),
      },
      title: input.titleTerms,
      body: input.passageTerms[i] ?? [],
    }));
    if (existing) {
      for (const passageId of corpus.articlePassages.get(id) ?? []) removePassage(corpus, passageId);
      if (corpus.byHash.get(existing.contentHash) === id) corpus.byHash.delete(existing.contentHash);
    } else {
      corpus.firstIngestedAt.set(id, now);
    }
    corpus.nextPassageId += passages.length;
    corpus.articles.set(id, article);
    corpus.byOrigin.set(draft.origin, id);
    corpus.sources.set(id, { ...input.source });
    if (!corpus.byHash.has(input.contentHash)) corpus.byHash.set(input.contentHash, id);
    corpus.articlePassages.set(
      id,
      passages.map((p) => p.passage.id),
    );
    for (const p of passages) addPassage(corpus, p);
    return { outcome: existing ? 'updated' : 'added', articleId: id };
  };

  const upsertArticles = (items: { input: StoredArticleInput; now: string }[]): UpsertResult[] =>
    items.map(({ input, now }) => {
      try {
        return upsertArticle(input, now);
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
  const hasOrigin = (origin: string) => corpus.byOrigin.has(origin);
  const storedSources = (origins: readonly string[]) => {
    const found = new Map<string, StoredSource>();
    for (const origin of origins) {
      const id = corpus.byOrigin.get(origin);
      const article = id === undefined ? undefined : corpus.articles.get(id);
      if (!article) continue;
      const source = corpus.sources.get(article.id);
      found.set(origin, {
        articleId: article.id,
        contentHash: article.contentHash,
        source: source ? { ...source } : null,
      });
    }
    return found;
  };

  return {
    inTransaction<T>(work: (tx: ArticleWriter) => Promise<T>): Promise<T> {
      return lock.run(async () => {
        const before = snapshotOf(corpus);
        let open = true;
        const guard =
          <A extends unknown[], R>(write: (...args: A) => R) =>
          async (...args: A): Promise<R> => {
            if (!open) throw new Error('This transaction is already over');
            return write(...args);
          };
        try {
          const result = await work({
            upsertArticle: guard(upsertArticle),
            upsertArticles: guard(upsertArticles),
            hasOrigin: guard(hasOrigin),
            storedSources: guard(storedSources),
          });
          open = false;
          return result;
        } catch (error) {
          open = false;
          corpus = before;
          throw error;
        }
      });
    },
    upsertArticle: (input, now) => lock.run(() => upsertArticle(input, now)),
    upsertArticles: (items) => lock.run(() => upsertArticles(items)),
    hasOrigin: (origin) => lock.run(() => hasOrigin(origin)),
    storedSources: (origins) => lock.run(() => storedSources(origins)),
    getArticle: (id) => lock.run(() => copy(corpus.articles.get(id)) ?? null),
    getArticles: (ids) =>
      lock.run(() => {
        const found = new Map<string, Article>();
        for (const id of ids) {
          const article = corpus.articles.get(id);
          if (article) found.set(id, { ...article });
        }
        return found;
      }),
    listArticles: (options = {}) =>
      lock.run(() => {
        const since = options.ingestedSince;
        const rows = newestFirst([...corpus.articles.values()], (a) => a.ingestedAt).filter(
          (a) => since === undefined || a.ingestedAt >= since,
        );
        return rows.slice(0, options.limit ?? rows.length).map((a) => ({ ...a }));
      }),
    listArticlesBetween: (from, to, limit) =>
      lock.run(() => {
        const inWindow = [...corpus.articles.values()].filter(
          (a) =>
            (a.ingestedAt > from && a.ingestedAt <= to) ||
            (a.publishedAt !== null && a.publishedAt > from && a.publishedAt <= to && a.ingestedAt <= to),
        );
        return newestFirst(inWindow, (a) => a.publishedAt ?? a.ingestedAt)
          .slice(0, limit)
          .map((a) => ({ ...a }));
      }),
    searchPassages: (query) =>
      lock.run((): PassageHit[] => {
        const terms = [...new Set(query.terms)].filter((t) => corpus.postings.has(t));
        if (terms.length === 0) return [];
        const wanted = new Set(terms);
        const stats: Bm25Corpus = {
          total: corpus.passages.size,
          averageLength: corpus.passages.size === 0 ? 0 : corpus.tokenTotal / corpus.passages.size,
          frequencies: new Map(terms.map((t) => [t, corpus.postings.get(t)?.size ?? 0])),
        };
        const candidates = new Set<number>();
        for (const term of terms) for (const id of corpus.postings.get(term) ?? []) candidates.add(id);
        const hits: PassageHit[] = [];
        for (const id of candidates) {
          const indexed = corpus.passages.get(id);
          const article = indexed && corpus.articles.get(indexed.passage.articleId);
          if (!indexed || !article) continue;
          if (query.since && (article.publishedAt ?? article.ingestedAt) < query.since) continue;
          const score = bm25Score(
            terms,
            {
              title: countTerms(indexed.title, wanted),
              body: countTerms(indexed.body, wanted),
              length: indexed.title.length + indexed.body.length,
            },
            stats,
          );
          hits.push({ passage: copyPassage(indexed.passage), article: refOf(article), score });
        }
        // Ties in passage order, as FTS5 returns equal scores in rowid order.
        hits.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
        return hits.slice(0, query.limit);
      }),
    getPassages: (articleId) =>
      lock.run(() =>
        (corpus.articlePassages.get(articleId) ?? []).flatMap((id) => {
          const indexed = corpus.passages.get(id);
          return indexed ? [copyPassage(indexed.passage)] : [];
        }),
      ),
    getPassagesByIds: (ids) =>
      lock.run(() => {
        const found = new Map<number, Passage>();
        for (const id of ids) {
          const indexed = corpus.passages.get(id);
          if (indexed) found.set(id, copyPassage(indexed.passage));
        }
        return found;
      }),
    documentFrequencies: (terms) =>
      lock.run(() => ({
        total: corpus.passages.size,
        frequencies: new Map(terms.map((t) => [t, corpus.postings.get(t)?.size ?? 0])),
      })),
    stats: () => lock.run((): CorpusStats => statsOf(corpus)),
    close: () =>
      lock.run(() => {
        closed = true;
      }),
  };
}

function addPassage(corpus: MemoryCorpus, indexed: IndexedPassage): void {
  corpus.passages.set(indexed.passage.id, indexed);
  corpus.tokenTotal += indexed.title.length + indexed.body.length;
  for (const term of new Set([...indexed.title, ...indexed.body])) {
    let ids = corpus.postings.get(term);
    if (!ids) {
      ids = new Set();
      corpus.postings.set(term, ids);
    }
    ids.add(indexed.passage.id);
  }
}

function removePassage(corpus: MemoryCorpus, id: number): void {
  const indexed = corpus.passages.get(id);
  if (!indexed) return;
  corpus.passages.delete(id);
  corpus.tokenTotal -= indexed.title.length + indexed.body.length;
  for (const term of new Set([...indexed.title, ...indexed.body])) {
    const ids = corpus.postings.get(term);
    ids?.delete(id);
    if (ids?.size === 0) corpus.postings.delete(term);
  }
}

function statsOf(corpus: MemoryCorpus): CorpusStats {
  const outlets = new Map<string | null, number>();
  let from: string | null = null;
  let to: string | null = null;
  let last: string | null = null;
  for (const a of corpus.articles.values()) {
    outlets.set(a.source, (outlets.get(a.source) ?? 0) + 1);
    if (a.publishedAt !== null) {
      if (from === null || a.publishedAt < from) from = a.publishedAt;
      if (to === null || a.publishedAt > to) to = a.publishedAt;
    }
    if (last === null || a.ingestedAt > last) last = a.ingestedAt;
  }
  return {
    articles: corpus.articles.size,
    passages: corpus.passages.size,
    // As SQL orders them: most articles first, then by name, the unnamed (NULL) first.
    outlets: [...outlets.entries()]
      .map(([source, articles]) => ({ source, articles }))
      .sort(
        (a, b) =>
          b.articles - a.articles ||
          (a.source === b.source
            ? 0
            : a.source === null
              ? -1
              : b.source === null
                ? 1
                : a.source < b.source
                  ? -1
                  : 1),
      ),
    publishedRange: from !== null && to !== null ? { from, to } : null,
    lastIngestedAt: last,
  };
}

function newestFirst(articles: Article[], time: (a: Article) => string): Article[] {
  return articles.sort((a, b) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : 0));
}

function refOf(article: Article): ArticleRef {
  const { text: _text, contentHash: _hash, ingestedAt: _at, ...ref } = article;
  return ref;
}

function copy(article: Article | undefined): Article | undefined {
  return article && { ...article };
}

function copyPassage(passage: Passage): Passage {
  return { ...passage, sentences: passage.sentences.map((s) => ({ ...s })) };
}
