/**
 * @module core/search-result
 * One article found by a search, with its best passage as the snippet.
 */

/** The `brief search --json` result shape: a stable interface. */
export interface SearchResult {
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
  origin: string;
  publishedAt: string | null;
  snippet: string;
  score: number;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
}
