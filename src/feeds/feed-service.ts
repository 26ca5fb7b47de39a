/**
 * @module feeds/feed-service
 * The feed use cases shared by the CLI and the chat commands: add, list, remove and poll, with the
 * URLs and intervals checked before anything is stored.
 */
import { BadRequestError } from '../core/errors.js';
import type { Clock, FeedStore, FeedSubscription } from '../core/ports.js';
import { parseDuration } from './duration.js';
import { FEED_TUNING } from './feed-tuning.js';
import type { FeedPollResult, PollDeps } from './poll-feed.js';
import { type PollFeedsOptions, pollFeeds } from './poll-feeds.js';

export interface FeedService {
  add(urls: readonly string[], every: string | null, addedBy: string): Promise<FeedSubscription[]>;
  list(): Promise<FeedSubscription[]>;
  remove(urls: readonly string[]): Promise<number>;
  poll(options: PollFeedsOptions): Promise<FeedPollResult[]>;
}

export interface FeedServiceDeps {
  feeds: FeedStore;
  clock: Clock;
  defaultEveryMs: number;
  /** Built on first poll (it starts the page reader), and kept. */
  pollDeps: () => PollDeps;
}

export function createFeedService(deps: FeedServiceDeps): FeedService {
  return {
    async add(urls, every, addedBy) {
      if (urls.length === 0)
        throw new BadRequestError('feeds add needs feed URLs, e.g. brief feeds add https://example.com/rss');
      const everyMs = every === null ? deps.defaultEveryMs : checkEvery(every);
      const checked = [...new Set(urls.map(feedUrl))];
      const now = deps.clock.now().toISOString();
      return deps.feeds.add(
        checked.map((url) => ({ url, everyMs, addedBy })),
        now,
      );
    },
    list: () => deps.feeds.list(),
    async remove(urls) {
      if (urls.length === 0) throw new BadRequestError('feeds remove needs the URLs of added feeds');
      return deps.feeds.remove(urls.map((u) => safeUrl(u) ?? u.trim()));
    },
    poll: (options) => pollFeeds(deps.pollDeps(), options),
  };
}

/** An interval within the poller's 5 min-24 h. */
export function checkEvery(every: string, what = '--every'): number {
  const ms = parseDuration(every, what);
  if (ms < FEED_TUNING.minIntervalMs || ms > FEED_TUNING.maxIntervalMs) {
    throw new BadRequestError(`${what} must be from 5m to 24h (got "${every}")`);
  }
  return ms;
}

/** A feed URL as stored: absolute http(s), normalised by the URL parser. */
export function feedUrl(input: string): string {
  const url = safeUrl(input);
  if (!url) throw new BadRequestError(`"${input}" is not an http(s) URL of a feed`);
  return url;
}

function safeUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
