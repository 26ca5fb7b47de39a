/**
 * @module feeds/feed-runtime
 * The feed service wired to the stores, for the composition root: the page reader is started on the
 * first poll and stopped by `close`; feeds named in BRIEF_FEEDS are added (once) at start.
 */
import type { Foreground } from '../core/foreground.js';
import type { ArticleStore, Clock, FeedStore } from '../core/ports.js';
import { createHtmlReader, type HtmlReader } from '../ingest/html-reader.js';
import { createFeedService, type FeedService } from './feed-service.js';
import { FEED_TUNING, type FeedTuning } from './feed-tuning.js';
import { createHostLimiter } from './host-limiter.js';
import type { PollDeps } from './poll-feed.js';

export interface FeedRuntimeOptions {
  feeds: FeedStore;
  articles: ArticleStore;
  clock: Clock;
  /** Who this process is, for leases. */
  owner: string;
  defaultEveryMs: number;
  maxBytes: number;
  fetchTimeoutMs: number;
  fetch?: typeof globalThis.fetch;
  tuning?: FeedTuning;
  /** The chat answers in progress, which each poll step waits for (chat first); none: no waiting. */
  foreground?: Foreground;
}

export interface FeedRuntime {
  service: FeedService;
  /** What a poll needs (the page reader started on first call); for the scheduler of `brief serve`. */
  pollDeps(): PollDeps;
  /** Adds the configured feeds that are not there yet (an added one keeps its own interval). */
  ensureConfigured(urls: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function createFeedRuntime(options: FeedRuntimeOptions): FeedRuntime {
  const tuning = options.tuning ?? FEED_TUNING;
  let html: HtmlReader | null = null;
  const { foreground } = options;
  const pause = foreground ? () => foreground.idle(tuning.chatFirstMaxWaitMs) : undefined;
  const limiter = createHostLimiter(tuning.perHostConnections, pause);
  const pollDeps = (): PollDeps => {
    html ??= createHtmlReader({}, pause);
    return {
      feeds: options.feeds,
      articles: options.articles,
      clock: options.clock,
      html,
      owner: options.owner,
      tuning,
      ...(pause ? { pause } : {}),
      http: {
        fetch: options.fetch ?? globalThis.fetch,
        timeoutMs: options.fetchTimeoutMs,
        maxBytes: options.maxBytes,
        maxRedirects: tuning.maxRedirects,
        limiter,
      },
    };
  };
  const service = createFeedService({
    feeds: options.feeds,
    clock: options.clock,
    defaultEveryMs: options.defaultEveryMs,
    pollDeps,
  });
  return {
    service,
    pollDeps,
    async ensureConfigured(urls) {
      if (urls.length === 0) return;
      const known = new Set((await options.feeds.list()).map((f) => f.url));
      const missing = urls.filter((url) => !known.has(new URL(url).toString()));
      if (missing.length > 0) await service.add(missing, null, 'config');
    },
    async close() {
      await html?.close();
    },
  };
}
