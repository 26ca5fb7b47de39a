/**
 * @module feeds/feed-tuning
 * The numbers that decide how often and how hard feeds are polled, in one documented object
 * (docs/FEEDS.md says where each comes from).
 */
export const FEED_TUNING = {
  /** Polls are never closer than this, nor further apart than `maxIntervalMs` (Miniflux's clamp). */
  minIntervalMs: 5 * 60_000,
  maxIntervalMs: 24 * 60 * 60_000,
  /** The first retry after a failure; each further failure doubles it (MonitoRSS: 5 min x 2^n). */
  backoffBaseMs: 5 * 60_000,
  /** A feed failing for this long, and at least `disableAfterFailures` times in a row, is disabled. */
  disableAfterMs: 7 * 24 * 60 * 60_000,
  disableAfterFailures: 3,
  /** How long a poller holds a feed; another may take it over once this has passed. */
  leaseMs: 5 * 60_000,
  /** Requests to one host at the same time, across all feeds and their pages. */
  perHostConnections: 2,
  /** Feeds polled at the same time. */
  feedsAtOnce: 8,
  /** All of one feed's work (feed and pages); entries left when it ends fall back to their summary. */
  feedDeadlineMs: 60_000,
  /** Redirects followed for one request. */
  maxRedirects: 5,
  /** Entries of one feed fetched as pages in one poll; the rest are fetched on the next polls. */
  maxNewPagesPerPoll: 50,
  /**
   * Entries stored per write batch; the poller yields to the event loop between batches. A batch is
   * the longest step a question can land behind (preparing and writing 20 took tens of ms here).
   */
  writeBatch: 5,
  /**
   * Chat first: a poll step waits for chat answers in progress, at most this long, so that a chat busy
   * without a break slows polling down but never stops it (core/foreground).
   */
  chatFirstMaxWaitMs: 1_000,
} as const;

export type FeedTuning = { readonly [K in keyof typeof FEED_TUNING]: number };
