/**
 * @module adapters/slack/event-deduper
 * Remembers what was already handled, so Slack's retried deliveries (`X-Slack-Retry-Num`) and the
 * double `app_mention` + `message` delivery of one mention are answered once. The marks live in the
 * chat state store: with a database-backed one, a retry that reaches another instance is skipped too.
 */
import type { Clock, Logger, SeenStore } from '../../core/ports.js';

export interface Deduper {
  /** Marks `key` as handled; false when it had already been marked (by any instance) within the window. */
  firstTime(key: string): Promise<boolean>;
}

/** Slack retries for about an hour at most (three times: after 1 min, 5 min, 30 min). */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;

export function createDeduper(
  seen: SeenStore,
  clock: Clock,
  logger: Logger,
  windowMs = DEDUPE_WINDOW_MS,
): Deduper {
  return {
    async firstTime(key) {
      try {
        return await seen.firstTime(`slack:${key}`, windowMs, clock.now().toISOString());
      } catch (error) {
        // Better a rare double answer than a question nobody answers.
        logger.warn('slack dedupe unavailable; handling the event', { key, cause: error });
        return true;
      }
    },
  };
}
