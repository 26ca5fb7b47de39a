/**
 * @module serve/feed-polling
 * Feed polling beside whatever serves (chat adapters or the console chat), and the feed runtime every
 * feed command and poller is built on.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Foreground } from '../core/foreground.js';
import type { Clock, Logger } from '../core/ports.js';
import { createFeedRuntime, type FeedRuntime } from '../feeds/feed-runtime.js';
import { createFeedScheduler } from '../feeds/feed-scheduler.js';
import { createDisabledFeedTeller, type FeedNoticeChannels } from '../feeds/tell-disabled-feed.js';
import type { Stores } from '../store/open-stores.js';

/**
 * Polls feeds beside whatever serves (chat adapters or the console): BRIEF_FEEDS added, a pass at
 * start, then the due feeds every minute; new articles embedded after each pass that stored some, and
 * `afterPass` (the story alerts) after every pass. Returns the stop, which waits for a pass in progress.
 */
export async function startFeedPolling(
  feeds: FeedRuntime,
  config: Config,
  logger: Logger,
  notices: FeedNoticeChannels,
  embedNew: () => Promise<void>,
  afterPass?: (changed: boolean) => Promise<unknown>,
): Promise<() => Promise<void>> {
  await feeds.ensureConfigured(config.BRIEF_FEEDS);
  const poller = createFeedScheduler({
    pollDeps: feeds.pollDeps,
    logger,
    onDisabled: createDisabledFeedTeller(notices, logger),
    afterUpdate: embedNew,
    ...(afterPass ? { afterPass } : {}),
  });
  poller.start();
  return () => poller.stop();
}

/** The feed runtime over the store's feeds, polling for this process (its own lease owner). */
export function feedRuntimeFor(
  stores: Stores,
  config: Config,
  clock: Clock,
  foreground?: Foreground,
): FeedRuntime {
  return createFeedRuntime({
    ...(foreground ? { foreground } : {}),
    feeds: stores.feeds,
    articles: stores.articles,
    clock,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    defaultEveryMs: config.BRIEF_FEED_EVERY,
    maxBytes: config.BRIEF_MAX_INGEST_BYTES,
    fetchTimeoutMs: config.BRIEF_FETCH_TIMEOUT_MS,
  });
}
