/**
 * @module adapters/slack/share-cache
 * Private lookups wait here until someone clicks "Share in channel", so the channel sees exactly what
 * the person saw (no second model call, no different answer). Kept in the chat state store, so the
 * click may reach another instance than the lookup did; entries expire.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, ExpiringValueStore } from '../../core/ports.js';
import type { SlackReply } from './blocks.js';

export interface ShareCache {
  put(reply: SlackReply): Promise<string>;
  get(id: string): Promise<SlackReply | undefined>;
  delete(id: string): Promise<void>;
}

/** Slack's response URLs stop working after 30 minutes, so a share cannot happen later anyway. */
export const SHARE_TTL_MS = 30 * 60 * 1000;

export function createShareCache(store: ExpiringValueStore, clock: Clock, ttlMs = SHARE_TTL_MS): ShareCache {
  const now = () => clock.now().toISOString();
  return {
    async put(reply) {
      const id = randomUUID();
      await store.put(`slack-share:${id}`, JSON.stringify(reply), ttlMs, now());
      return id;
    },
    async get(id) {
      const value = await store.get(`slack-share:${id}`, now());
      return value === null ? undefined : (JSON.parse(value) as SlackReply);
    },
    delete: (id) => store.delete(`slack-share:${id}`),
  };
}
