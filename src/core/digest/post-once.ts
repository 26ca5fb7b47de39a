/**
 * @module core/digest/post-once
 * The delivery step of any scheduled post that must appear once (a digest run, an alert), whatever
 * crashes around it. Two things make it idempotent, not only the bookkeeping:
 *
 * - Every post carries a **mark**: a stable id of what it is (the same across retries, restarts and
 *   instances). Slack gets it as message metadata, Discord as the message nonce (with `enforce_nonce`)
 *   plus a marker line. Before a post that was tried before (a retry, or a run taken over from an owner
 *   that died), the channel's recent messages are read: a message carrying the mark means the platform
 *   accepted it and only the record was lost, so it is recorded as sent instead of posted again.
 * - The claim is a short lease kept alive by a heartbeat (`lease-heartbeat.ts`), and is confirmed right
 *   before the post: a claimant that lost its lease (paused, partitioned) leaves the post to its new owner.
 *
 * The scheduler records the outcome in its ledger; this function holds no state.
 */

/** What identifies one scheduled post in a channel, for the platform adapters. */
export interface PostMark {
  /** The kind of post, a lower-case word: `digest`, `alert`. Slack's metadata event type is `briefbot_<kind>`. */
  kind: string;
  /** Stable id of this one post, e.g. `<subscription id>@<scheduled time>`; at most 200 characters. */
  id: string;
  /** ISO instant before which it cannot have been posted (its scheduled time): history is read from here. */
  since: string;
}

/** The mark of one scheduled digest: one per subscription and scheduled time, as in the run ledger. */
export function digestRunMark(subscriptionId: string, scheduledFor: string): PostMark {
  return { kind: 'digest', id: `${subscriptionId}@${scheduledFor}`, since: scheduledFor };
}

/** What a platform adapter offers to post a marked post once. */
export interface MarkedPostFinder {
  /**
   * Whether a message carrying `mark` is in the channel (posted at or after `mark.since`). Throws
   * DeliveryError when it cannot tell (retryable when trying later may help).
   */
  findPosted(channelId: string, mark: PostMark): Promise<boolean>;
}

export interface PostOnceSteps<T> {
  /** True when this post was claimed before (a retry, or a takeover after a crash). */
  triedBefore: boolean;
  /** Looks for the mark in the channel; only called when `triedBefore`. May throw (nothing is posted). */
  findPosted: () => Promise<boolean>;
  /** Builds what to post; null when there is nothing to post (a quiet day): nothing is posted. */
  build: () => Promise<T | null>;
  /** Confirms the claim is still ours, right before posting (`LeaseHold.stillHeld`). */
  stillHeld: () => Promise<boolean>;
  /** Posts it with its mark; resolves once the platform accepted it. May throw. */
  post: (payload: T) => Promise<void>;
}

export type PostOnceOutcome<T> =
  | { outcome: 'posted'; payload: T }
  | { outcome: 'already-posted' }
  | { outcome: 'nothing-to-post' }
  | { outcome: 'lease-lost' };

/**
 * Posts at most once: looks first when tried before, posts only while the claim holds. Errors of
 * `findPosted`, `build` and `post` propagate (the caller retries or gives up; nothing was recorded).
 */
export async function postOnce<T>(steps: PostOnceSteps<T>): Promise<PostOnceOutcome<T>> {
  if (steps.triedBefore && (await steps.findPosted())) return { outcome: 'already-posted' };
  const payload = await steps.build();
  if (payload === null) return { outcome: 'nothing-to-post' };
  if (!(await steps.stillHeld())) return { outcome: 'lease-lost' };
  await steps.post(payload);
  return { outcome: 'posted', payload };
}
