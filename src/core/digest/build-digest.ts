/**
 * @module core/digest/build-digest
 * Use case: the digest for a window. Articles new or updated in the window (and, for context, those of
 * the days before) are grouped into stories; stories with something new are composed, ranked by number
 * of sources and recency, and capped.
 */

import type { Article } from '../article.js';
import { compareOrdinal } from '../ordinal.js';
import { withoutPlantedSentences } from '../planted-instructions.js';
import type { ArticleStore } from '../ports.js';
import {
  type ArticleCluster,
  clusterArticles,
  DEFAULT_CLUSTERING,
  leadIdf,
  newsTime,
  tokeniseLeads,
} from './cluster-stories.js';
import { composeStory } from './compose-story.js';
import type { Digest, DigestRequest, Story } from './digest.js';
import type { Idf } from './term-vector.js';
import { topicFilter } from './topic-filter.js';

const CONTEXT_MS = 3 * 86_400_000;
const MAX_ARTICLES = 5000;
export const DEFAULT_MAX_STORIES = 5;

export async function buildDigest(store: ArticleStore, request: DigestRequest): Promise<Digest> {
  const contextFrom = new Date(Date.parse(request.since) - CONTEXT_MS).toISOString();
  // Articles ingested after `until` are left out by the store: they were not known when the window
  // closed and belong to the next one, or a digest built late (a retry) and the next would both show them.
  // As in chat briefings: no story quotes an article titled as, or a paragraph holding, an instruction.
  let articles = withoutPlantedSentences(
    await store.listArticlesBetween(contextFrom, request.until, MAX_ARTICLES),
  );
  const topic = request.topic?.trim() || null;
  if (topic) articles = articles.filter(topicFilter(topic));
  // New in (since, until]: ingested by `until` (filtered above) and ingested or published after `since`.
  const isNew = (a: { ingestedAt: string; publishedAt: string | null }) =>
    a.ingestedAt > request.since || (a.publishedAt !== null && a.publishedAt > request.since);
  const { ranked, idf } = rankClusters(articles, isNew);
  const max = request.maxStories ?? DEFAULT_MAX_STORIES;
  // Known before the window: first stored by then (an article edited since is stored again, later).
  const known = (a: Article) =>
    (a.firstIngestedAt ?? a.ingestedAt) <= request.since && a.ingestedAt <= request.until;
  const stories: Story[] = ranked.slice(0, max).map(({ cluster, fresh }) => {
    const updated = fresh < cluster.articles.length || cluster.articles.some(known);
    const story = composeStory(cluster, idf, updated, DEFAULT_CLUSTERING);
    return updated ? { ...story, newOutlets: joinedOutlets(cluster.articles, known) } : story;
  });
  return {
    window: { from: request.since, to: request.until },
    topic,
    stories,
    more: Math.max(0, ranked.length - max),
  };
}

/** The named outlets with an article that joined the story in the window and none known before it. */
function joinedOutlets(articles: readonly Article[], known: (a: Article) => boolean): string[] {
  const before = new Set(articles.filter(known).map((a) => a.source));
  const joined = articles.filter((a) => !known(a) && a.source !== null && !before.has(a.source));
  return [...new Set(joined.map((a) => a.source as string))].sort((a, b) => a.localeCompare(b));
}

/** A cluster with something new in it, and what it is ranked by. */
export interface RankedCluster {
  cluster: ArticleCluster;
  /** Its articles that are new (in the window). */
  fresh: number;
  latestAt: string;
  /** The story id: its earliest article's. */
  id: string;
}

/**
 * Groups articles into stories and ranks those with something new: by number of articles, then the
 * newest, then id (stable). Shared by digests and chat briefings, which differ in what counts as new.
 * Rank first and compose (the expensive part) only the stories shown: a busy day has thousands of
 * one-article clusters.
 */
export function rankClusters(
  articles: Article[],
  isNew: (article: Article) => boolean,
): { ranked: RankedCluster[]; idf: Idf } {
  const leads = tokeniseLeads(articles, DEFAULT_CLUSTERING);
  const idf = leadIdf(leads);
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
  return { ranked, idf };
}

export { newsTime };
