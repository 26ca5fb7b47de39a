/**
 * @module feeds/poll-feeds
 * Polls many feeds: every enabled one now (`brief feeds poll`), or the due ones (the scheduler in
 * `brief serve`), a few at a time, with one per-host limit shared by all of them.
 */
import type { FeedSubscription } from '../core/ports.js';
import { FEED_TUNING } from './feed-tuning.js';
import { type FeedPollResult, type PollDeps, pollFeed } from './poll-feed.js';

export interface PollFeedsOptions {
  /** Poll every enabled feed now, due or not (another poller's live lease still wins). */
  force: boolean;
  /** Called for each feed this poll disabled, to tell whoever added it. */
  onDisabled?: (feed: FeedSubscription, result: FeedPollResult) => Promise<void>;
  /** At most this many due feeds per call (default 200). */
  limit?: number;
  /**
   * Asked before each further feed: true (the process is stopping) leaves the feeds not yet started
   * unclaimed and due, for the next pass or another process; the polls in progress finish.
   */
  stopping?: () => boolean;
}

export async function pollFeeds(deps: PollDeps, options: PollFeedsOptions): Promise<FeedPollResult[]> {
  const tuning = deps.tuning ?? FEED_TUNING;
  const now = deps.clock.now().toISOString();
  const feeds = options.force
    ? (await deps.feeds.list()).filter((f) => !f.disabled)
    : await deps.feeds.listDue(now, options.limit ?? 200);
  const results: (FeedPollResult | null)[] = new Array(feeds.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < feeds.length && !options.stopping?.()) {
      const i = next++;
      const feed = feeds[i] as FeedSubscription;
      const result = await pollFeed(feed, deps, options.force);
      results[i] = result;
      if (result?.disabled) await options.onDisabled?.(feed, result).catch(() => {});
    }
  };
  await Promise.all(Array.from({ length: Math.min(tuning.feedsAtOnce, feeds.length) }, worker));
  return results.flatMap((result, i) =>
    result ? [result] : options.force ? [{ ...skipped(feeds[i] as FeedSubscription) }] : [],
  );
}

/** A feed another process was polling at that moment: nothing was done, and the line says why. */
function skipped(feed: FeedSubscription): FeedPollResult {
  return {
    url: feed.url,
    status: 'unchanged',
    added: 0,
    updated: 0,
    error: 'another poller is polling it right now',
    fallbacks: [],
    disabled: false,
  };
}
