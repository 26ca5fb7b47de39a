/**
 * @module feeds/poll-schedule
 * When a feed is polled next. After a good poll: its interval, stretched for a feed that publishes
 * rarely (the median gap between its newest entries) and never sooner than the publisher allows (RSS
 * ttl, Cache-Control/Expires), within 5 min-24 h. After a failure: 5 min x 2^(n-1) (or Retry-After),
 * and disabled once it has failed for about a week.
 */
import { FEED_TUNING, type FeedTuning } from './feed-tuning.js';

export interface PollHints {
  everyMs: number;
  /** Publication dates of the feed's entries (ISO), any order. */
  published: readonly (string | null)[];
  ttlMinutes: number | null;
  cacheMs: number | null;
}

const clamp = (ms: number, tuning: FeedTuning) =>
  Math.min(tuning.maxIntervalMs, Math.max(tuning.minIntervalMs, ms));

/** The interval after a good poll, in ms. */
export function intervalAfterSuccess(hints: PollHints, tuning: FeedTuning = FEED_TUNING): number {
  const gap = medianGapMs(hints.published);
  const publisher = Math.max(hints.ttlMinutes ? hints.ttlMinutes * 60_000 : 0, hints.cacheMs ?? 0);
  return clamp(Math.max(hints.everyMs, gap ?? 0, publisher), tuning);
}

/** The median gap between the 10 newest dated entries; null with fewer than 3 dates. */
function medianGapMs(published: readonly (string | null)[]): number | null {
  const times = published
    .map((p) => (p ? Date.parse(p) : Number.NaN))
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => b - a)
    .slice(0, 10);
  if (times.length < 3) return null;
  const gaps = times
    .slice(1)
    .map((t, i) => (times[i] as number) - t)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}

export interface FailureState {
  failures: number;
  failingSince: string | null;
}

/** The state after one more failure: the count, since when, whether to give up, and when to retry. */
export function afterFailure(
  before: FailureState,
  now: Date,
  retryAfterMs: number | null,
  tuning: FeedTuning = FEED_TUNING,
): { failures: number; failingSince: string; disabled: boolean; nextPollAt: string } {
  const failures = before.failures + 1;
  const failingSince = before.failingSince ?? now.toISOString();
  const backoff = tuning.backoffBaseMs * 2 ** Math.min(failures - 1, 20);
  const wait = clamp(Math.max(backoff, retryAfterMs ?? 0), tuning);
  const disabled =
    failures >= tuning.disableAfterFailures &&
    now.getTime() - Date.parse(failingSince) >= tuning.disableAfterMs;
  return { failures, failingSince, disabled, nextPollAt: new Date(now.getTime() + wait).toISOString() };
}
