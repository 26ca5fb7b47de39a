/**
 * @module core/digest/build-digest
 * Use case: the digest for a window. Articles new or updated in the window (and, for context, those of
 * the days before) are grouped into stories; stories with something new are composed, ranked by number
 * of sources and recency, and capped.
 */
import type { ArticleStore } from '../ports.js';
import { tokenize } from '../text/tokenize.js';
import { clusterArticles, DEFAULT_CLUSTERING, leadIdf, newsTime } from './cluster-stories.js';
import { composeStory } from './compose-story.js';
import type { Digest, DigestRequest, Story } from './digest.js';

const CONTEXT_MS = 3 * 86_400_000;
const MAX_ARTICLES = 5000;
export const DEFAULT_MAX_STORIES = 5;

export function buildDigest(store: ArticleStore, request: DigestRequest): Digest {
  const contextFrom = new Date(Date.parse(request.since) - CONTEXT_MS).toISOString();
  let articles = store.listArticlesBetween(contextFrom, request.until, MAX_ARTICLES);
  const topic = request.topic?.trim() || null;
  if (topic) {
    const wanted = new Set(tokenize(topic));
    articles = articles.filter((a) => {
      const terms = new Set(tokenize(`${a.title} ${a.text.slice(0, 2000)}`));
      return [...wanted].filter((t) => terms.has(t)).length >= Math.ceil(wanted.size / 2);
    });
  }
  const isNew = (a: { ingestedAt: string; publishedAt: string | null }) =>
    a.ingestedAt > request.since || (a.publishedAt !== null && a.publishedAt > request.since);
  const idf = leadIdf(articles, DEFAULT_CLUSTERING);
  const stories: Story[] = [];
  for (const cluster of clusterArticles(articles, idf, DEFAULT_CLUSTERING)) {
    const fresh = cluster.articles.filter(isNew);
    if (fresh.length === 0) continue;
    stories.push(composeStory(cluster, idf, fresh.length < cluster.articles.length));
  }
  stories.sort(
    (a, b) =>
      b.articleIds.length - a.articleIds.length ||
      b.latestAt.localeCompare(a.latestAt) ||
      a.id.localeCompare(b.id),
  );
  const max = request.maxStories ?? DEFAULT_MAX_STORIES;
  return {
    window: { from: request.since, to: request.until },
    topic,
    stories: stories.slice(0, max),
    more: Math.max(0, stories.length - max),
  };
}

export { newsTime };
