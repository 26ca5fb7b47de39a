/**
 * @module core/digest/digest-ports
 * What the digest scheduler needs from the outside: subscriptions, a run ledger with leases (so one
 * instance posts each scheduled digest once), a sink per chat platform, and the digest builder.
 */
import type { Digest, DigestRequest } from './digest.js';
import type { PostMark } from './post-once.js';
import type { Platform, Subscription } from './subscription.js';

/** A subscription before the store gives it an id and a creation time. */
export type SubscriptionDraft = Omit<Subscription, 'id' | 'createdAt'>;

/** Which subscriptions to remove: all of a channel's, or (with `topic`) one; `topic: null` is the untopical one. */
export interface SubscriptionFilter {
  platform: Platform;
  channelId: string;
  topic?: string | null;
}

/**
 * The channels' standing orders. One subscription per platform + channel + topic (topics compare
 * case-insensitively); subscribing again replaces its schedule and options.
 */
export interface SubscriptionStore {
  /**
   * Adds the subscription, or replaces the one for the same platform, channel and topic. A replaced one
   * keeps its id and gets `createdAt = now`, so the new schedule never catches up a slot from before it.
   */
  upsert(draft: SubscriptionDraft, now: string): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes matching subscriptions (and their run history); returns how many. */
  remove(filter: SubscriptionFilter): Promise<number>;
  listByChannel(platform: Platform, channelId: string): Promise<Subscription[]>;
  listAll(): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | null>;
}

/**
 * `running`: an owner holds the lease and is building or posting it. `retrying`: a try failed; the lease
 * is released at the next attempt time. `sent`, `failed`, `skipped` are final.
 */
export type DigestRunStatus = 'running' | 'retrying' | 'sent' | 'failed' | 'skipped';

/** One scheduled time of one subscription: at most one row, ever. */
export interface DigestRun {
  subscriptionId: string;
  /** ISO instant of the scheduled time (the digest window ends here). */
  scheduledFor: string;
  status: DigestRunStatus;
  owner: string | null;
  /** Until when the owner holds it; for `retrying`, when the next attempt may start. */
  leaseUntil: string;
  /** Tries started so far (each claim counts one). */
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

/**
 * The ledger of scheduled digests, shared by every instance on one database. All times are ISO strings
 * from the caller's clock.
 */
export interface DigestRunStore {
  /**
   * Takes the run for one try. Exactly one caller wins per (subscription, scheduled time): the first to
   * insert it, or, once its lease (or retry back-off) has passed and it is not final, the first to update it.
   */
  claim(
    subscriptionId: string,
    scheduledFor: string,
    owner: string,
    leaseMs: number,
    now: string,
  ): Promise<boolean>;
  /**
   * Extends the lease of a run `owner` is working on to `now + leaseMs` (the heartbeat); false when it
   * no longer holds it (another instance took it over, or it is finished).
   */
  renew(
    subscriptionId: string,
    scheduledFor: string,
    owner: string,
    leaseMs: number,
    now: string,
  ): Promise<boolean>;
  /** Records it as posted; false when `owner` no longer holds it. */
  markSent(subscriptionId: string, scheduledFor: string, owner: string, now: string): Promise<boolean>;
  /**
   * Records a failed try. With `nextAttemptAt` it becomes `retrying` and claimable from then on; with
   * null it is `failed` for good. False when `owner` no longer holds it.
   */
  markFailed(
    subscriptionId: string,
    scheduledFor: string,
    owner: string,
    error: string,
    nextAttemptAt: string | null,
    now: string,
  ): Promise<boolean>;
  /** Records a slot that will not run (missed beyond the grace window); false when it already had a row. */
  markSkipped(subscriptionId: string, scheduledFor: string, reason: string, now: string): Promise<boolean>;
  get(subscriptionId: string, scheduledFor: string): Promise<DigestRun | null>;
  /** The latest scheduled time that was sent (or quietly had nothing): the next digest's window start. */
  lastSent(subscriptionId: string): Promise<string | null>;
  /** Runs still `running` or `retrying` that were scheduled before `before`, oldest first. */
  listUnfinished(subscriptionId: string, before: string): Promise<DigestRun[]>;
  /** Statuses of the latest `limit` runs that were sent or failed for good, newest first. */
  recentOutcomes(subscriptionId: string, limit: number): Promise<DigestRunStatus[]>;
}

/** What the sink needs besides the digest. */
export interface DeliverOptions {
  /** The line to post when `digest.stories` is empty (the subscription is not quiet). */
  emptyText: string;
  /** The run's mark: every message of the post carries it, so a retry can find it (post-once.ts). */
  mark: PostMark;
}

/** Posts digests to one chat platform. Implemented by the Slack, Discord and console adapters. */
export interface DigestSink {
  /**
   * Posts the digest in `sub.channelId`. Resolves only once the platform accepted it; otherwise throws
   * DeliveryError, `retryable` when trying later may help (rate limit, 5xx, timeout), not when it cannot
   * (channel gone, bot removed).
   */
  deliver(sub: Subscription, digest: Digest, options: DeliverOptions): Promise<void>;
  /**
   * Whether a message carrying `mark` is already in `sub.channelId` (read from the channel's recent
   * history). Asked before a retry or a takeover; throws DeliveryError when it cannot tell.
   */
  findDelivered(sub: Subscription, mark: PostMark): Promise<boolean>;
  /** Tells people that a digest could not be posted (in the channel if possible, else its subscriber). */
  notifyFailure(sub: Subscription, message: string): Promise<void>;
}

/** The lead's digest builder (`buildDigest` from build-digest.ts), passed in. */
export type BuildDigest = (request: DigestRequest) => Digest | Promise<Digest>;
