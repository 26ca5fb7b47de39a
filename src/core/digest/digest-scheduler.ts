/**
 * @module core/digest/digest-scheduler
 * Posts each subscription's digest once per scheduled time: catches up a missed time within the grace
 * window, retries failed posts with back-off, tells the channel when it gives up, and leaves each time to
 * the one instance that claims it in the shared run ledger.
 */
import { asBriefError, type BriefError, DeliveryError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import { CONFIGURED_BY } from './configured-subscriptions.js';
import type { Digest } from './digest.js';
import type {
  BuildDigest,
  DigestRun,
  DigestRunStore,
  DigestSink,
  SubscriptionStore,
} from './digest-ports.js';
import { holdLease, type LeaseHold } from './lease-heartbeat.js';
import { digestRunMark, postOnce } from './post-once.js';
import { describeSchedule, formatZonedTime, latestRunAtOrBefore } from './schedule-spec.js';
import type { Platform, Subscription } from './subscription.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Defaults for main.ts (DIGEST_GRACE_MINUTES feeds `graceMs`). */
export const DIGEST_SCHEDULER_DEFAULTS = {
  graceMs: 120 * 60_000,
  maxAttempts: 4,
  backoffMs: 60_000,
  leaseMs: 30_000,
  tickMs: 15_000,
  stopAfterFailures: 3,
  emptyText: 'Nothing new since the last digest.',
} as const;

export interface DigestSchedulerOptions {
  subscriptions: SubscriptionStore;
  runs: DigestRunStore;
  /** A platform without a sink here is left to another instance (logged once). */
  sinks: Partial<Record<Platform, DigestSink>>;
  /**
   * Platforms another process of this deployment posts for (e.g. Discord shard processes beside the one
   * that runs Slack): their subscriptions are left alone here without the "no sink" warning.
   */
  postedElsewhere?: readonly Platform[];
  buildDigest: BuildDigest;
  clock: Clock;
  logger: Logger;
  /** This instance's id in the run ledger, e.g. `${hostname}:${pid}:${uuid}`. */
  owner: string;
  /** A scheduled time missed (bot down) is still posted this long after it; older ones are skipped. */
  graceMs: number;
  /** Tries per scheduled time, the first included. */
  maxAttempts: number;
  /** Wait before the 2nd try; doubles for each further try. */
  backoffMs: number;
  /**
   * How long a claim holds without renewal. The owner renews it every `heartbeatMs` while it builds and
   * posts, so this only bounds how late a run whose owner died is taken over (lease + one tick).
   */
  leaseMs: number;
  /** How often the owner renews its lease; default a third of `leaseMs`. */
  heartbeatMs?: number;
  /**
   * A subscription whose digest could not be posted this many scheduled times in a row, the last for
   * a reason retrying cannot fix (channel deleted, bot removed), is stopped and its subscriber told.
   */
  stopAfterFailures?: number;
  emptyText?: string;
  tickMs?: number;
  timers?: {
    setInterval: (fn: () => void, ms: number) => unknown;
    clearInterval: (handle: unknown) => void;
  };
}

export interface DigestScheduler {
  /** Does all work due at `clock.now()`. Concurrent calls share one pass. */
  tick(): Promise<void>;
  /** Ticks now and every `tickMs`. */
  start(): void;
  /**
   * Stops the timer and waits for the pass in progress to finish the run it is posting (its lease is
   * then released as sent, failed or retrying); the subscriptions it had not reached yet are left due.
   */
  stop(): Promise<void>;
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { subscriptions, runs, sinks, clock, logger, owner } = options;
  const emptyText = options.emptyText ?? DIGEST_SCHEDULER_DEFAULTS.emptyText;
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  const sinkless = new Set<string>();
  let inflight: Promise<void> | null = null;
  let timer: unknown = null;
  let stopping = false;

  async function pass(): Promise<void> {
    const now = clock.now();
    const all = await subscriptions.listAll();
    let visited = 0;
    for (const sub of all) {
      // Stopping (SIGTERM): the run in progress is finished, the rest are left to another instance.
      if (stopping) break;
      visited += 1;
      try {
        await visit(sub, now);
      } catch (error) {
        logError('digest: scheduling failed', asBriefError(error), { subscriptionId: sub.id });
      }
    }
    logger.debug('digest: pass done', { subscriptions: all.length, visited });
  }

  async function visit(sub: Subscription, now: Date): Promise<void> {
    const sink = sinks[sub.platform];
    if (!sink && options.postedElsewhere?.includes(sub.platform)) return;
    if (!sink) {
      if (!sinkless.has(sub.id))
        logger.warn('digest: no sink here for platform', { subscriptionId: sub.id, platform: sub.platform });
      sinkless.add(sub.id);
      return;
    }
    const slot = latestRunAtOrBefore(sub.schedule, now);
    if (!slot) return;
    const slotIso = slot.toISOString();
    const nowIso = now.toISOString();
    for (const stale of await runs.listUnfinished(sub.id, slotIso)) {
      await supersede(sub, sink, stale, now);
    }
    if (slotIso < sub.createdAt) return; // subscribed after this time: wait for the next one
    const run = await runs.get(sub.id, slotIso);
    if (run && (run.status === 'sent' || run.status === 'failed' || run.status === 'skipped')) return;
    if (!run && now.getTime() - slot.getTime() > options.graceMs) {
      if (await runs.markSkipped(sub.id, slotIso, 'missed; older than the grace window', nowIso)) {
        logger.warn('digest: missed run skipped', {
          subscriptionId: sub.id,
          scheduledFor: slotIso,
          now: nowIso,
        });
      }
      return;
    }
    if (!(await runs.claim(sub.id, slotIso, owner, options.leaseMs, nowIso))) {
      logger.debug('digest: run held by another instance', { subscriptionId: sub.id, scheduledFor: slotIso });
      return;
    }
    await holding(sub.id, slotIso, async (lease) => {
      if (run && abandonedTooLong(run, now)) return giveUpAbandoned(sub, sink, run);
      await attempt(sub, sink, slotIso, lease);
    });
  }

  /** Runs `work` on a run just claimed, renewing its lease until `work` is done. */
  async function holding(subscriptionId: string, slotIso: string, work: (lease: LeaseHold) => Promise<void>) {
    const lease = holdLease({
      renew: () => runs.renew(subscriptionId, slotIso, owner, options.leaseMs, clock.now().toISOString()),
      everyMs: options.heartbeatMs ?? Math.floor(options.leaseMs / 3),
      timers,
      onLost: (error) =>
        logger.warn('digest: lease lost to another instance', {
          subscriptionId,
          scheduledFor: slotIso,
          ...(error ? { cause: error } : {}),
        }),
    });
    try {
      await work(lease);
    } finally {
      lease.release();
    }
  }

  /**
   * For a run claimed before (a retry, or a takeover after its owner died): whether its post is already in
   * the channel, so only the record was lost. Then it is recorded as sent and not posted again.
   */
  async function foundPosted(sub: Subscription, sink: DigestSink, slotIso: string): Promise<boolean> {
    if (!(await sink.findDelivered(sub, digestRunMark(sub.id, slotIso)))) return false;
    await recordFound(sub.id, slotIso);
    return true;
  }

  async function recordFound(subscriptionId: string, slotIso: string) {
    const fields = { subscriptionId, scheduledFor: slotIso };
    if (await runs.markSent(subscriptionId, slotIso, owner, clock.now().toISOString()))
      logger.warn('digest: already in the channel (the record was lost), recorded as sent', fields);
  }

  /** Like `foundPosted`, before giving up on a run: a look that fails is logged and the give-up goes on. */
  async function foundBeforeGivingUp(sub: Subscription, sink: DigestSink, slotIso: string) {
    try {
      return await foundPosted(sub, sink, slotIso);
    } catch (caught) {
      logError('digest: could not check the channel before giving up', asBriefError(caught), {
        subscriptionId: sub.id,
        scheduledFor: slotIso,
      });
      return false;
    }
  }

  /**
   * An unfinished run whose owner died (or whose retry was due) longer than the grace window ago: the bot
   * was down. Like a missed time it is not posted that late; the lease end is when it was due again, so
   * a retry back-off longer than a short grace window does not count against it.
   */
  function abandonedTooLong(run: DigestRun, now: Date): boolean {
    const dueAt = Math.max(Date.parse(run.scheduledFor), Date.parse(run.leaseUntil));
    return now.getTime() - dueAt > options.graceMs;
  }

  async function giveUpAbandoned(sub: Subscription, sink: DigestSink, run: DigestRun) {
    if (await foundBeforeGivingUp(sub, sink, run.scheduledFor)) return;
    const minutes = Math.round(options.graceMs / 60_000);
    const reason =
      `${run.lastError ?? 'the bot stopped while posting it'} (not retried: ` +
      `it is more than ${minutes} minutes late)`;
    // Retryable: the channel is fine, so this does not count towards stopping the subscription.
    await giveUp(sub, sink, run.scheduledFor, new DeliveryError(reason, true), run.attempts);
  }

  /**
   * One try at a claimed run: (when tried before) look for it in the channel, build, post (or stay
   * quiet) while the lease holds, then record; on failure retry or give up.
   */
  async function attempt(sub: Subscription, sink: DigestSink, slotIso: string, lease: LeaseHold) {
    const attemptNo = (await runs.get(sub.id, slotIso))?.attempts ?? 1;
    if (attemptNo > options.maxAttempts) {
      if (await foundBeforeGivingUp(sub, sink, slotIso)) return;
      const error = new DeliveryError('the bot stopped while posting it, too many times', false);
      return giveUp(sub, sink, slotIso, error, attemptNo - 1);
    }
    const mark = digestRunMark(sub.id, slotIso);
    let result: Awaited<ReturnType<typeof postOnce<Digest>>>;
    try {
      result = await postOnce<Digest>({
        triedBefore: attemptNo > 1,
        findPosted: () => sink.findDelivered(sub, mark),
        build: async () => {
          const since = (await runs.lastSent(sub.id)) ?? new Date(Date.parse(slotIso) - DAY_MS).toISOString();
          const digest = await options.buildDigest({ since, until: slotIso, topic: sub.topic });
          return digest.stories.length === 0 && sub.quietWhenEmpty ? null : digest;
        },
        stillHeld: () => lease.stillHeld(),
        post: (digest) => sink.deliver(sub, digest, { emptyText, mark }),
      });
    } catch (caught) {
      return retryLater(sub, sink, slotIso, asBriefError(caught), attemptNo);
    }
    const fields = { subscriptionId: sub.id, scheduledFor: slotIso };
    switch (result.outcome) {
      case 'already-posted':
        return recordFound(sub.id, slotIso);
      case 'lease-lost':
        logger.warn('digest: not posted, the run passed to another instance', fields);
        return;
      case 'nothing-to-post':
        await runs.markSent(sub.id, slotIso, owner, clock.now().toISOString());
        logger.info('digest: nothing new, stayed quiet', fields);
        return;
    }
    // Posted: from here on an error must not lead to a retry, or the channel would get it twice.
    const posted = { ...fields, stories: result.payload.stories.length };
    if (await runs.markSent(sub.id, slotIso, owner, clock.now().toISOString()))
      logger.info('digest: posted', posted);
    else logger.warn('digest: posted after the lease had passed to another instance', posted);
  }

  async function retryLater(
    sub: Subscription,
    sink: DigestSink,
    slotIso: string,
    error: BriefError,
    attemptNo: number,
  ) {
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    if (!retryable || attemptNo >= options.maxAttempts) return giveUp(sub, sink, slotIso, error, attemptNo);
    const now = clock.now();
    const nextAttemptAt = new Date(now.getTime() + options.backoffMs * 2 ** (attemptNo - 1)).toISOString();
    await runs.markFailed(sub.id, slotIso, owner, error.message, nextAttemptAt, now.toISOString());
    logger.warn('digest: post failed, will retry', {
      subscriptionId: sub.id,
      scheduledFor: slotIso,
      attempt: attemptNo,
      nextAttemptAt,
      code: error.code,
      cause: error.cause ?? error,
    });
  }

  /** A run still retrying when the next scheduled time arrives is dropped for it (its news moves along). */
  async function supersede(sub: Subscription, sink: DigestSink, stale: DigestRun, now: Date) {
    if (!(await runs.claim(sub.id, stale.scheduledFor, owner, options.leaseMs, now.toISOString()))) return;
    await holding(sub.id, stale.scheduledFor, async () => {
      if (await foundBeforeGivingUp(sub, sink, stale.scheduledFor)) return;
      const reason = `${stale.lastError ?? 'it was interrupted'} (the next scheduled time came first)`;
      await giveUp(sub, sink, stale.scheduledFor, new DeliveryError(reason, false), stale.attempts);
    });
  }

  async function giveUp(
    sub: Subscription,
    sink: DigestSink,
    slotIso: string,
    error: BriefError,
    attempts: number,
  ) {
    await runs.markFailed(sub.id, slotIso, owner, error.message, null, clock.now().toISOString());
    logError('digest: post failed, giving up', error, {
      subscriptionId: sub.id,
      scheduledFor: slotIso,
      attempts,
    });
    const when = formatZonedTime(new Date(slotIso), sub.schedule.timezone);
    const failure =
      `I couldn't post the digest for ${when} (${describeSchedule(sub.schedule, clock.now())}) after ` +
      `${attempts} ${attempts === 1 ? 'try' : 'tries'}: ${error.message.replace(/\.$/, '')}. `;
    const stopped = await stopIfHopeless(sub, error);
    const message = stopped
      ? `${failure}That is ${stopped} scheduled digests in a row, so I have stopped this subscription. ` +
        'Subscribe again with `/brief subscribe` once I can post in the channel.'
      : `${failure}The next digest will include its news.`;
    // A digest from DIGEST_CHANNELS has no subscriber to tell: its failure is for the operator's log.
    if (sub.createdBy === CONFIGURED_BY) {
      logger.warn('digest: failed, and no subscriber to tell (DIGEST_CHANNELS)', {
        subscriptionId: sub.id,
        platform: sub.platform,
        channelId: sub.channelId,
        message,
      });
      return;
    }
    try {
      await sink.notifyFailure(sub, message);
    } catch (caught) {
      logError('digest: could not tell the channel about a failed digest', asBriefError(caught), {
        subscriptionId: sub.id,
        scheduledFor: slotIso,
      });
    }
  }

  /**
   * Stops a subscription that keeps failing for a reason retrying cannot fix; returns how many failures
   * in a row that took, or null when it goes on.
   */
  async function stopIfHopeless(sub: Subscription, error: BriefError): Promise<number | null> {
    const limit = options.stopAfterFailures ?? DIGEST_SCHEDULER_DEFAULTS.stopAfterFailures;
    const permanent = error instanceof DeliveryError && !error.retryable;
    if (!permanent || limit < 1) return null;
    const outcomes = await runs.recentOutcomes(sub.id, limit);
    if (outcomes.length < limit || outcomes.some((status) => status !== 'failed')) return null;
    await subscriptions.remove({ platform: sub.platform, channelId: sub.channelId, topic: sub.topic });
    logger.warn('digest: subscription stopped after repeated failures', {
      subscriptionId: sub.id,
      platform: sub.platform,
      channelId: sub.channelId,
      failures: limit,
      error: error.message,
    });
    return limit;
  }

  function logError(message: string, error: BriefError, fields: Record<string, unknown>): void {
    logger.error(message, { ...fields, code: error.code, error: error.message, cause: error.cause ?? error });
  }

  function tick(): Promise<void> {
    inflight ??= pass().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    tick,
    start() {
      if (timer !== null) return;
      stopping = false;
      const run = () =>
        void tick().catch((error) => logError('digest: tick failed', asBriefError(error), {}));
      timer = timers.setInterval(run, options.tickMs ?? DIGEST_SCHEDULER_DEFAULTS.tickMs);
      (timer as { unref?: () => void }).unref?.();
      run();
    },
    async stop() {
      if (timer !== null) timers.clearInterval(timer);
      timer = null;
      stopping = true;
      await inflight;
    },
  };
}
