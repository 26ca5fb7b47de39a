/**
 * @module adapters/slack/share-cache
 * Private lookups wait here until someone clicks "Share in channel", so the channel sees exactly what
 * the person saw (no second model call, no different answer). In memory; entries expire.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/ports.js';
import type { SlackReply } from './blocks.js';

export interface ShareCache {
  put(reply: SlackReply): string;
  get(id: string): SlackReply | undefined;
  delete(id: string): void;
}

/** Slack's response URLs stop working after 30 minutes, so a share cannot happen later anyway. */
export const SHARE_TTL_MS = 30 * 60 * 1000;

export function createShareCache(clock: Clock, ttlMs = SHARE_TTL_MS, maxEntries = 2_000): ShareCache {
  const entries = new Map<string, { reply: SlackReply; at: number }>();
  const evict = (now: number) => {
    for (const [id, entry] of entries) {
      if (now - entry.at < ttlMs && entries.size <= maxEntries) break;
      entries.delete(id);
    }
  };
  return {
    put(reply) {
      const now = clock.now().getTime();
      const id = randomUUID();
      entries.set(id, { reply, at: now });
      evict(now);
      return id;
    },
    get(id) {
      const entry = entries.get(id);
      return entry && clock.now().getTime() - entry.at < ttlMs ? entry.reply : undefined;
    },
    delete(id) {
      entries.delete(id);
    },
  };
}
