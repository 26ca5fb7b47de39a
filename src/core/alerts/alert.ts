/**
 * @module core/alerts/alert
 * A story alert: a channel's standing order to be told, once, when a new story about a topic appears
 * in the feeds; and the numbers that bound it (ALERT_TUNING).
 */
import type { Platform } from '../digest/subscription.js';

/** Hours in which nothing is posted: from `from` to `to` (HH:MM, may wrap midnight) in the alert's zone. */
export interface QuietHours {
  from: string;
  to: string;
}

export interface Alert {
  id: string;
  platform: Platform;
  /** Slack team id or Discord guild id; null when not known (the CLI). */
  workspaceId: string | null;
  channelId: string;
  /** What to look for, as the digest topic filter reads it (core/digest/topic-filter.ts). */
  topic: string;
  quiet: QuietHours | null;
  /** IANA zone of the quiet hours and of the day the daily cap counts. */
  timezone: string;
  /** Who added it: `cli`, or a platform user id. */
  createdBy: string;
  createdAt: string;
}

/** An alert before the store gives it an id and a creation time. */
export type AlertDraft = Omit<Alert, 'id' | 'createdAt'>;

/**
 * The numbers of story alerts, in one place. `maxPerChannelPerDay` is the default of
 * BRIEF_ALERT_DAILY_CAP; the rest are not configured by env.
 */
export interface AlertTuning {
  /** New stories posted at most per channel and day (the day of the alert's zone); more are skipped. */
  maxPerChannelPerDay: number;
  /** How far back articles are clustered with the new ones: a story reported again within it is the same story. */
  contextMs: number;
  /** Articles read per check at most (newest first). */
  maxArticles: number;
  /** A story's claim while it is posted; renewed every third of it. */
  leaseMs: number;
  /** Tries of one post before it is given up. */
  maxAttempts: number;
  /** Back-off after a failed try: this, doubled each try. */
  retryBaseMs: number;
  /** Outlets listed in a first post at most ("and N more"). */
  maxSourcesShown: number;
  /**
   * `brief serve` checks the alerts after every feed pass that stored articles, and otherwise at least
   * this often: a story held in quiet hours or a post waiting out its back-off is due without news.
   */
  recheckMs: number;
}

export const ALERT_TUNING: AlertTuning = {
  maxPerChannelPerDay: 10,
  contextMs: 3 * 86_400_000,
  maxArticles: 2000,
  leaseMs: 30_000,
  maxAttempts: 4,
  retryBaseMs: 60_000,
  maxSourcesShown: 8,
  recheckMs: 5 * 60_000,
};
