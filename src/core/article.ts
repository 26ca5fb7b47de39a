/**
 * @module core/article
 * The domain's nouns: an article as ingested, its passages and sentences, and what a citation points at.
 */

/** What a parser makes of one input, before it is stored. */
export interface ArticleDraft {
  /** Where it came from: a path relative to the ingest root, or a URL. Unique per article. */
  origin: string;
  title: string;
  /** The outlet ("GeekWire", "CNN"), or null when the input does not name one. */
  source: string | null;
  url: string | null;
  /** ISO 8601, or null when unknown. Never invented. */
  publishedAt: string | null;
  /** The article body, boilerplate removed; citations quote from this text verbatim. */
  text: string;
}

/**
 * What brought an article in, stored with it: only the same input may update it (the rule is
 * `mayUpdate` in core/ingest-articles). `input` is the file's path (as its origin), the JSON file's path
 * or URL for its records, the URL fetched for a page, the feed's URL for its entries.
 */
export interface ArticleSource {
  kind: 'file' | 'record' | 'page' | 'feed';
  input: string;
}

export interface Article extends ArticleDraft {
  id: string;
  contentHash: string;
  /** ISO 8601: when this version was stored. */
  ingestedAt: string;
  /** ISO 8601: when the article was first stored (an edit keeps it); absent where a store cannot say. */
  firstIngestedAt?: string;
}

/** A sentence's place in its article's text: `text.slice(start, end)` is the sentence. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** A retrievable unit: a few consecutive sentences of one article, along paragraph lines. */
export interface PassageDraft {
  /** 0-based position in the article. */
  ordinal: number;
  start: number;
  end: number;
  sentences: SentenceSpan[];
}

export interface Passage extends PassageDraft {
  id: number;
  articleId: string;
  text: string;
}

/** The article fields a reader needs next to a quote. */
export type ArticleRef = Pick<Article, 'id' | 'title' | 'source' | 'url' | 'origin' | 'publishedAt'>;

/** A passage found for a query, with the article it belongs to. */
export interface PassageHit {
  passage: Passage;
  article: ArticleRef;
  /** Higher is better. Comparable only within one result list. */
  score: number;
}

/** A numbered pointer from an answer to the exact words that support it. */
export interface Citation {
  n: number;
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
  origin: string;
  publishedAt: string | null;
  /** Occurs verbatim in the article's stored text. */
  quote: string;
}

export function toCitation(n: number, article: ArticleRef, quote: string): Citation {
  return {
    n,
    articleId: article.id,
    title: article.title,
    source: article.source,
    url: article.url,
    origin: article.origin,
    publishedAt: article.publishedAt,
    quote,
  };
}

/** A citation in the stable JSON shape of `brief ask --json` and `brief digest --json`, keys in order. */
export function toCitationJson(c: Citation) {
  return {
    n: c.n,
    articleId: c.articleId,
    title: c.title,
    source: c.source,
    url: c.url,
    origin: c.origin,
    publishedAt: c.publishedAt,
    quote: c.quote,
  };
}
