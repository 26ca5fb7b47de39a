/**
 * @module feeds/feed-json
 * The stable JSON of `brief feeds ... --json` (outside checks read it): `<feed>` and the poll lines.
 */
import type { FeedSubscription } from '../core/ports.js';
import { formatDuration } from './duration.js';
import type { FeedPollResult } from './poll-feed.js';

export interface FeedJson {
  url: string;
  title: string | null;
  every: string;
  lastPolledAt: string | null;
  nextPollAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  failures: number;
  disabled: boolean;
  articles: number;
}

export function toFeedJson(feed: FeedSubscription): FeedJson {
  return {
    url: feed.url,
    title: feed.title,
    every: formatDuration(feed.everyMs),
    lastPolledAt: feed.lastPolledAt,
    nextPollAt: feed.nextPollAt,
    lastStatus: feed.lastStatus,
    lastError: feed.lastError,
    failures: feed.failures,
    disabled: feed.disabled,
    articles: feed.articles,
  };
}

/** One poll line: the stable fields, then `fallbacks` (entries stored from the feed's summary). */
export function toPollJson(result: FeedPollResult) {
  const { url, status, added, updated, error, fallbacks } = result;
  return { url, status, added, updated, error, fallbacks };
}
