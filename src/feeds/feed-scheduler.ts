/**
 * @module feeds/feed-scheduler
 * `brief serve`'s feed poller, beside the digest scheduler: a pass at start, then one every minute,
 * each polling the feeds that are due. Which feeds are due is in the store (each feed's next poll, set
 * from its interval, its publishing rate and its publisher's hints); the lease makes several processes
 * on one store poll each feed once. Passes never overlap.
 */
import { asBriefError } from '../core/errors.js';
import type { FeedSubscription, Logger } from '../core/ports.js';
import type { FeedPollResult, PollDeps } from './poll-feed.js';
import { pollFeeds } from './poll-feeds.js';

export interface FeedSchedulerOptions {
  pollDeps: () => PollDeps;
  logger: Logger;
  /** Tells whoever added a feed that it was disabled. */
  onDisabled?: (feed: FeedSubscription, result: FeedPollResult) => Promise<void>;
  /** Called after a pass that added or updated articles (e.g. to embed their passages). */
  afterUpdate?: (results: FeedPollResult[]) => Promise<void>;
  /**
   * Called after every pass, after `afterUpdate`, with whether it added or updated articles (story
   * alerts are checked here); not once stopping.
   */
  afterPass?: (changed: boolean) => Promise<unknown>;
  tickMs?: number;
  timers?: {
    setInterval: (fn: () => void, ms: number) => unknown;
    clearInterval: (handle: unknown) => void;
  };
}

export interface FeedScheduler {
  /** Polls the feeds due now; a call while a pass runs shares it. */
  tick(): Promise<FeedPollResult[]>;
  /** Ticks now and every `tickMs` (default one minute). */
  start(): void;
  /**
   * Stops the timer and waits for the polls in progress (each records its outcome, releasing its
   * lease); the due feeds the pass had not started stay unclaimed.
   */
  stop(): Promise<void>;
}

export function createFeedScheduler(options: FeedSchedulerOptions): FeedScheduler {
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let inflight: Promise<FeedPollResult[]> | null = null;
  let timer: unknown = null;
  let stopping = false;

  const pass = async (): Promise<FeedPollResult[]> => {
    try {
      const results = await pollFeeds(options.pollDeps(), {
        force: false,
        stopping: () => stopping,
        ...(options.onDisabled ? { onDisabled: options.onDisabled } : {}),
      });
      for (const r of results) {
        if (r.status === 'failed') options.logger.warn('feed poll failed', { url: r.url, error: r.error });
        else if (r.status === 'updated')
          options.logger.info('feed polled', { url: r.url, added: r.added, updated: r.updated });
      }
      const changed = results.some((r) => r.added + r.updated > 0);
      if (options.afterUpdate && changed) {
        await options.afterUpdate(results).catch((error: unknown) => {
          const brief = asBriefError(error);
          options.logger.error('after polling feeds', { code: brief.code, cause: brief.message });
        });
      }
      if (options.afterPass && !stopping) {
        await options.afterPass(changed).catch((error: unknown) => {
          const brief = asBriefError(error);
          options.logger.error('after a feed pass', { code: brief.code, cause: brief.message });
        });
      }
      options.logger.debug('feed pass done', { polled: results.length, stopping });
      return results;
    } catch (error) {
      const brief = asBriefError(error);
      options.logger.error('feed polling failed', { code: brief.code, cause: brief.message });
      return [];
    }
  };

  const tick = () => {
    inflight ??= pass().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    tick,
    start() {
      if (timer !== null) return;
      stopping = false;
      void tick();
      timer = timers.setInterval(() => void tick(), options.tickMs ?? 60_000);
    },
    async stop() {
      if (timer !== null) timers.clearInterval(timer);
      timer = null;
      stopping = true;
      await inflight;
    },
  };
}
