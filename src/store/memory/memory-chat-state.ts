/**
 * @module store/memory/memory-chat-state
 * The chat state ports in memory, for one process: what the Slack adapter uses when no database-backed
 * state is given, and the reference the contract suite checks the databases against.
 */
import type { ChatStateStores } from '../../core/ports.js';

export function createMemoryChatState(): ChatStateStores {
  const seen = new Map<string, number>();
  const hits = new Map<string, number[]>();
  const values = new Map<string, { value: string; until: number }>();
  const sweep = (now: number) => {
    // Bounded memory: expired marks go once the maps grow.
    if (seen.size > 50_000) for (const [k, until] of seen) if (until <= now) seen.delete(k);
    if (values.size > 5_000) for (const [k, v] of values) if (v.until <= now) values.delete(k);
  };
  return {
    seen: {
      async firstTime(key, ttlMs, now) {
        const at = Date.parse(now);
        const until = seen.get(key);
        if (until !== undefined && until > at) return false;
        seen.set(key, at + ttlMs);
        sweep(at);
        return true;
      },
    },
    rateLimits: {
      async hit(key, limit, windowMs, now) {
        const at = Date.parse(now);
        const recent = (hits.get(key) ?? []).filter((t) => t > at - windowMs);
        if (recent.length >= limit) {
          hits.set(key, recent);
          return { allowed: false, oldestAt: new Date(recent[0] ?? at).toISOString() };
        }
        recent.push(at);
        hits.set(key, recent);
        if (hits.size > 10_000) {
          for (const [k, times] of hits) if (times.every((t) => t <= at - windowMs)) hits.delete(k);
        }
        return { allowed: true, oldestAt: null };
      },
    },
    shares: {
      async put(id, value, ttlMs, now) {
        const at = Date.parse(now);
        values.set(id, { value, until: at + ttlMs });
        sweep(at);
      },
      async get(id, now) {
        const entry = values.get(id);
        return entry && entry.until > Date.parse(now) ? entry.value : null;
      },
      async delete(id) {
        values.delete(id);
      },
    },
  };
}
