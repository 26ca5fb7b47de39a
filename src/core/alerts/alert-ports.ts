/**
 * @module core/alerts/alert-ports
 * What story alerts need from the outside: the alerts and their story ledger (AlertStore, shared by
 * every instance on one database, so a story is posted once however many pollers see it), and a sink
 * per chat platform that posts a story and adds later sources in its thread.
 */

import type { PostMark } from '../digest/post-once.js';
import type { Platform } from '../digest/subscription.js';
import type { Alert, AlertDraft } from './alert.js';

/**
 * `pending`: found, not posted yet. `held`: found in quiet hours, posted when they end. `posted`: in the
 * channel (later sources go in its thread). `skipped`: over the channel's daily cap. `failed`: given up.
 */
export type AlertStoryStatus = 'pending' | 'held' | 'posted' | 'skipped' | 'failed';

/** One story of one alert: at most one row, ever; its articles are the outlets that reported it. */
export interface AlertStory {
  alertId: string;
  /** The story id: the id of its earliest article when it was first seen. */
  storyKey: string;
  status: AlertStoryStatus;
  /** The platform's id of the first message (Slack ts, Discord message id) once posted. */
  messageId: string | null;
  postedAt: string | null;
  /** Tries of the current piece of work (the first post, or the next thread reply) so far. */
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Its articles in the order they joined, and whether each was posted (or given up). */
  articles: { articleId: string; sent: boolean }[];
}

/** How a claimed story's work ended; every outcome releases the claim. */
export type AlertStoryRecord =
  | { kind: 'posted'; messageId: string; sentArticleIds: string[] }
  | { kind: 'sources-sent'; sentArticleIds: string[] }
  | { kind: 'held'; until: string }
  | { kind: 'skipped'; reason: string }
  /** `retryAt` null: given up (a posted story keeps its post; `articleIds` are not tried again). */
  | { kind: 'failed'; error: string; retryAt: string | null; articleIds: string[] };

/** Which alerts to remove: by id, or by topic (within a channel when given). */
export type AlertFilter = { id: string } | { topic: string; platform?: Platform; channelId?: string };

/**
 * Alerts and their stories. One alert per platform + channel + topic (topics compare
 * case-insensitively). All times are ISO strings from the caller's clock. Async even in memory.
 */
export interface AlertStore {
  /** Adds the alert, or updates quiet hours and zone of the one for the same channel and topic. */
  add(draft: AlertDraft, now: string): Promise<{ alert: Alert; created: boolean }>;
  /** Removes matching alerts and their stories; returns how many alerts. */
  remove(filter: AlertFilter): Promise<number>;
  list(): Promise<Alert[]>;
  listByChannel(platform: Platform, channelId: string): Promise<Alert[]>;
  /** Which story of `alertId` each of `articleIds` belongs to (unknown ones are left out). */
  storiesOf(alertId: string, articleIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Records a new story with its articles, status `pending`. Atomic: false, and nothing written, when
   * the story exists or any of the articles already belongs to a story (another instance was first).
   */
  openStory(alertId: string, storyKey: string, articleIds: readonly string[], now: string): Promise<boolean>;
  /** Adds articles to a story as unsent sources; returns those that were not in any story before. */
  addSources(
    alertId: string,
    storyKey: string,
    articleIds: readonly string[],
    now: string,
  ): Promise<string[]>;
  /**
   * Stories of `alertId` with work due at `now`: pending or held (past its hold), or posted with unsent
   * sources; not failed, skipped, backed off, or claimed by a live lease.
   */
  dueStories(alertId: string, now: string): Promise<AlertStory[]>;
  /**
   * Takes a story for one try until `now + leaseMs` and counts the try. Exactly one caller wins while
   * the lease lives; null when it is taken, not due, or has nothing to do.
   */
  claimStory(
    alertId: string,
    storyKey: string,
    owner: string,
    leaseMs: number,
    now: string,
  ): Promise<AlertStory | null>;
  /** Extends the claim (the heartbeat); false when `owner` no longer holds it. */
  renewStory(
    alertId: string,
    storyKey: string,
    owner: string,
    leaseMs: number,
    now: string,
  ): Promise<boolean>;
  /**
   * Reserves the story one of the channel's `cap` posts of `day` (atomically across instances: of two
   * stories racing for the last slot, one gets it). True when reserved now or before; false when full.
   */
  reserveDay(alertId: string, storyKey: string, owner: string, day: string, cap: number): Promise<boolean>;
  /** Records how the claimed work ended and releases the claim; false when `owner` no longer held it. */
  recordStory(
    alertId: string,
    storyKey: string,
    owner: string,
    record: AlertStoryRecord,
    now: string,
  ): Promise<boolean>;
}

/** One outlet's report of the story, as a chat message lists it. */
export interface AlertSource {
  articleId: string;
  title: string;
  outlet: string | null;
  url: string | null;
}

/** What a chat message about a story says. */
export interface AlertStoryView {
  topic: string;
  headline: string;
  /** The outlets to list (the first post: those reported so far; a reply: the new ones). */
  sources: AlertSource[];
  /** Outlets not listed (over ALERT_TUNING.maxSourcesShown). */
  more: number;
}

/** Posts alerts on one chat platform. Implemented by the Slack and Discord adapters. */
export interface AlertSink {
  /**
   * Posts a new story in the alert's channel, carrying `mark`; resolves with the message id once the
   * platform accepted it. Throws DeliveryError (`retryable` when trying later may help).
   */
  postStory(alert: Alert, view: AlertStoryView, mark: PostMark): Promise<string>;
  /** Adds later sources in the thread of `messageId` (a Slack thread reply, a Discord reply), carrying `mark`. */
  postSources(alert: Alert, messageId: string, view: AlertStoryView, mark: PostMark): Promise<void>;
  /**
   * The id of a message carrying `mark` in the channel (or, with `threadOf`, in that message's thread),
   * or null. Asked before a retry or takeover; throws DeliveryError when it cannot tell.
   */
  findPosted(alert: Alert, mark: PostMark, threadOf: string | null): Promise<string | null>;
}
