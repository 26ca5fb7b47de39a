/**
 * @module core/digest/build-digest
 * Use case: the digest for a window. Articles new or updated in the window (and, for context, those of
 * the days before) are grouped into stories; stories with something new are composed, ranked by number
 * of sources and recency, and capped.
 */
import { compareOrdinal } from '../ordinal.js';
import type { ArticleStore } from '../ports.js';
import { clusterArticles, DEFAULT_CLUSTERING, leadIdf, newsTime, tokeniseLeads } from './cluster-stories.js';
import { composeStory } from './compose-story.js';
import type { Digest, DigestRequest, Story } from './digest.js';
import { topicFilter } from './topic-filter.js';

const CONTEXT_MS = 3 * 86_400_000;
const MAX_ARTICLES = 5000;
export const DEFAULT_MAX_STORIES = 5;

export function buildDigest(store: ArticleStore, request: DigestRequest): Digest {
  const contextFrom = new Date(Date.parse(request.since) - CONTEXT_MS).toISOString();
  // Articles ingested after `until` are left out by the store: they were not known when the window
  // closed and belong to the next one, or a digest built late (a retry) and the next would both show them.
  let articles = store.listArticlesBetween(contextFrom, request.until, MAX_ARTICLES);
  const topic = request.topic?.trim() || null;
  if (topic) articles = articles.filter(topicFilter(topic));
  // New in (since, until]: ingested by `until` (filtered above) and ingested or published after `since`.
  const isNew = (a: { ingestedAt: string; publishedAt: string | null }) =>
    a.ingestedAt > request.since || (a.publishedAt !== null && a.publishedAt > request.since);
  const leads = tokeniseLeads(articles, DEFAULT_CLUSTERING);
  const idf = leadIdf(leads);
  // Rank the clusters first and compose only the stories that are shown: composing (sentences,
  // facts, citations) is the expensive part, and a busy day has thousands of one-article clusters.
  const ranked = clusterArticles(leads, idf, DEFAULT_CLUSTERING)
    .map((cluster) => {
      const times = cluster.articles.map(newsTime).sort();
      const first = [...cluster.articles].sort((a, b) => compareOrdinal(newsTime(a), newsTime(b)))[0];
      return {
        cluster,
        fresh: cluster.articles.filter(isNew).length,
        latestAt: times.at(-1) ?? '',
        id: first?.id ?? '',
      };
    })
    .filter((c) => c.fresh > 0)
    .sort(
      (a, b) =>
        b.cluster.articles.length - a.cluster.articles.length ||
        compareOrdinal(b.latestAt, a.latestAt) ||
        compareOrdinal(a.id, b.id),
    );
  const max = request.maxStories ?? DEFAULT_MAX_STORIES;
  const stories: Story[] = ranked
    .slice(0, max)
    .map(({ cluster, fresh }) =>
      composeStory(cluster, idf, fresh < cluster.articles.length, DEFAULT_CLUSTERING),
    );
  return {
    window: { from: request.since, to: request.until },
    topic,
    stories,
    more: Math.max(0, ranked.length - max),
  };
}

export { newsTime };
