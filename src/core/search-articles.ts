/**
 * @module core/search-articles
 * Use case: search. The same ranking as answers, grouped to one result per article, with the
 * article's best sentences as the snippet.
 */
import type { ArticleStore, Clock } from './ports.js';
import { understandQuestion } from './query.js';
import {
  coverageOf,
  type RankedPassage,
  retrievePassages,
  type TermWeights,
  termWeights,
} from './retrieve-passages.js';
import type { SearchResponse, SearchResult } from './search-result.js';
import { tokenize } from './text/tokenize.js';

const SNIPPET_CHARS = 240;

export async function searchArticles(
  store: ArticleStore,
  clock: Clock,
  terms: string,
  limit = 10,
): Promise<SearchResponse> {
  const query = understandQuestion(terms, clock.now());
  const weights = await termWeights(store, query);
  // Several passages of one article may rank high; fetch enough to fill `limit` distinct articles.
  const ranked = await retrievePassages(store, query, weights, limit * 8);
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  for (const passage of ranked) {
    for (const hit of [passage, ...passage.duplicates]) {
      if (seen.has(hit.article.id) || results.length >= limit) continue;
      seen.add(hit.article.id);
      const { article } = hit;
      results.push({
        articleId: article.id,
        title: article.title,
        source: article.source,
        url: article.url,
        origin: article.origin,
        publishedAt: article.publishedAt,
        snippet: snippetOf(hit.passage.text, hit.passage.start, hit.passage.sentences, weights),
        score: Math.round(passage.score * 1000) / 1000,
      });
    }
  }
  return { query: terms, results };
}

/** Ranked article ids, best first: what evaluations score. */
export function rankArticles(ranked: RankedPassage[]): string[] {
  const ids: string[] = [];
  for (const passage of ranked) {
    for (const hit of [passage, ...passage.duplicates])
      if (!ids.includes(hit.article.id)) ids.push(hit.article.id);
  }
  return ids;
}

function snippetOf(
  text: string,
  offset: number,
  sentences: { start: number; end: number }[],
  weights: TermWeights,
): string {
  let best = { start: 0, coverage: -1 };
  sentences.forEach((s, i) => {
    const coverage = coverageOf(new Set(tokenize(text.slice(s.start - offset, s.end - offset))), weights);
    if (coverage > best.coverage) best = { start: i, coverage };
  });
  let snippet = '';
  for (const s of sentences.slice(best.start)) {
    const sentence = text.slice(s.start - offset, s.end - offset);
    if (snippet && snippet.length + sentence.length > SNIPPET_CHARS) break;
    snippet = snippet ? `${snippet} ${sentence}` : sentence;
  }
  if (snippet.length <= SNIPPET_CHARS) return snippet;
  // At the last space; text without spaces (Chinese, Japanese) at the limit.
  const space = snippet.lastIndexOf(' ', SNIPPET_CHARS);
  return `${snippet.slice(0, space > SNIPPET_CHARS / 2 ? space : SNIPPET_CHARS)}…`;
}
