/**
 * @module core/alerts/find-alert-stories
 * Matches the feeds' recent articles to one alert: the digest's topic filter picks them, the digest's
 * story clustering groups the same story from several outlets, and the ledger says which stories are
 * known. A story new since the alert was added is opened once (with every outlet reporting it so far);
 * articles joining a known story become its later sources.
 */
import type { Article } from '../article.js';
import {
  clusterArticles,
  DEFAULT_CLUSTERING,
  leadIdf,
  newsTime,
  tokeniseLeads,
} from '../digest/cluster-stories.js';
import { topicFilter } from '../digest/topic-filter.js';
import { compareOrdinal } from '../ordinal.js';
import { withoutPlantedSentences } from '../planted-instructions.js';
import type { ArticleStore } from '../ports.js';
import type { Alert, AlertTuning } from './alert.js';
import type { AlertStore } from './alert-ports.js';

export interface FoundStories {
  /** Stories opened by this call. */
  opened: number;
  /** Articles added to known stories as later sources. */
  added: number;
}

/** The articles of the last `contextMs` about the alert's topic, grouped into stories (oldest first). */
export async function topicStories(
  articles: ArticleStore,
  alert: Alert,
  now: Date,
  tuning: AlertTuning,
): Promise<Article[][]> {
  const from = new Date(now.getTime() - tuning.contextMs).toISOString();
  const matches = withoutPlantedSentences(
    await articles.listArticlesBetween(from, now.toISOString(), tuning.maxArticles),
  ).filter(topicFilter(alert.topic));
  if (matches.length === 0) return [];
  const leads = tokeniseLeads(matches, DEFAULT_CLUSTERING);
  return clusterArticles(leads, leadIdf(leads), DEFAULT_CLUSTERING).map((c) =>
    [...c.articles].sort(byNewsTime),
  );
}

function byNewsTime(a: Article, b: Article): number {
  return compareOrdinal(newsTime(a), newsTime(b)) || compareOrdinal(a.id, b.id);
}

/** Opens the alert's new stories and adds new sources to its known ones. */
export async function findAlertStories(
  deps: { articles: ArticleStore; alerts: AlertStore },
  alert: Alert,
  now: Date,
  tuning: AlertTuning,
): Promise<FoundStories> {
  const stories = await topicStories(deps.articles, alert, now, tuning);
  const ids = stories.flat().map((a) => a.id);
  const known = await deps.alerts.storiesOf(alert.id, ids);
  const at = now.toISOString();
  const found: FoundStories = { opened: 0, added: 0 };
  for (const story of stories) {
    const keys = [...new Set(story.flatMap((a) => known.get(a.id) ?? []))].sort(compareOrdinal);
    const fresh = story.filter((a) => !known.has(a.id)).map((a) => a.id);
    const key = keys[0];
    if (key !== undefined) {
      if (fresh.length > 0) found.added += (await deps.alerts.addSources(alert.id, key, fresh, at)).length;
      continue;
    }
    // Only a story that appeared after the alert was added is news to it: an alert added today does not
    // post the past three days.
    if (story.some((a) => a.ingestedAt < alert.createdAt)) continue;
    const first = story[0] as Article;
    if (await deps.alerts.openStory(alert.id, first.id, fresh, at)) found.opened++;
  }
  return found;
}
