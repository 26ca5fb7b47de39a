/**
 * @module adapters/slack/event-deduper
 * Remembers what was already handled, so Slack's retried deliveries (`X-Slack-Retry-Num`) and the
 * double `app_mention` + `message` delivery of one mention are answered once. In memory, per instance.
 */
import type { Clock } from '../../core/ports.js';

export interface Deduper {
  /** Marks `key` as handled; false when it had already been marked within the time window. */
  firstTime(key: string): boolean;
}

/** Slack retries for about an hour at most (three times: after 1 min, 5 min, 30 min). */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;

export function createDeduper(clock: Clock, windowMs = DEDUPE_WINDOW_MS, maxKeys = 50_000): Deduper {
  // Insertion order is time order, so expired keys are always at the front of the map.
  const seen = new Map<string, number>();
  return {
    firstTime(key) {
      const now = clock.now().getTime();
      for (const [oldKey, at] of seen) {
        if (now - at < windowMs && seen.size < maxKeys) break;
        seen.delete(oldKey);
      }
      const at = seen.get(key);
      if (at !== undefined && now - at < windowMs) return false;
      seen.set(key, now);
      return true;
    },
  };
}
