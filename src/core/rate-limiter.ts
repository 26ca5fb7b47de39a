/**
 * @module core/rate-limiter
 * A per-person sliding-window limit on questions, so one user cannot monopolise the bot. The chat
 * adapters (Slack, Discord) use the shared limiter over the chat state's RateLimitStore, so several
 * processes on one database count one limit per person; `createRateLimiter` is the in-memory one.
 */
import type { Clock, RateLimitStore } from './ports.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: seconds until the next request is allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  check(key: string): RateLimitDecision;
}

/** The same limit kept in a store, so that every instance on one database counts the same hits. */
export interface SharedRateLimiter {
  check(key: string): Promise<RateLimitDecision>;
}

/** A sliding-window limit over a RateLimitStore (the hits live in the database, not in this process). */
export function createSharedRateLimiter(
  store: RateLimitStore,
  clock: Clock,
  limit: number,
  windowMs: number,
): SharedRateLimiter {
  return {
    async check(key) {
      const now = clock.now();
      const { allowed, oldestAt } = await store.hit(key, limit, windowMs, now.toISOString());
      if (allowed) return { allowed, retryAfterSeconds: 0 };
      const oldest = oldestAt ? Date.parse(oldestAt) : now.getTime();
      return {
        allowed,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000)),
      };
    },
  };
}

export function createRateLimiter(clock: Clock, limit: number, windowMs: number): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    check(key) {
      const now = clock.now().getTime();
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        const oldest = recent[0] ?? now;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        };
      }
      recent.push(now);
      hits.set(key, recent);
      if (hits.size > 10_000) {
        for (const [k, times] of hits) if (times.every((t) => now - t >= windowMs)) hits.delete(k);
      }
      return { allowed: true, retryAfterSeconds: 0 };
    },
  };
}
