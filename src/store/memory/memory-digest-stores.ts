/**
 * @module store/memory/memory-digest-stores
 * Digest subscriptions and their run ledger in memory, with the contract of the SQLite stores: one
 * subscription per platform + channel + topic, one run per scheduled time, claims that exactly one
 * owner wins, and a removed subscription's runs gone with it.
 */
import { randomUUID } from 'node:crypto';
import type { DigestRun, DigestRunStore, SubscriptionStore } from '../../core/digest/digest-ports.js';
import type { Subscription } from '../../core/digest/subscription.js';
import { topicKey } from '../topic-key.js';

export function createMemoryDigestStores(): { subscriptions: SubscriptionStore; runs: DigestRunStore } {
  // Insertion order is the listing order, as SQLite's rowid order is; a replaced one keeps its place.
  const subs = new Map<string, Subscription>();
  const runs = new Map<string, DigestRun>();
  const runKey = (id: string, slot: string) => `${id}\u0000${slot}`;
  const keyOf = (s: Pick<Subscription, 'platform' | 'channelId' | 'topic'>) =>
    `${s.platform}\u0000${s.channelId}\u0000${topicKey(s.topic)}`;
  const dropRuns = (id: string) => {
    for (const [key, run] of runs) if (run.subscriptionId === id) runs.delete(key);
  };
  const ofSub = (id: string) => [...runs.values()].filter((r) => r.subscriptionId === id);

  const subscriptions: SubscriptionStore = {
    async upsert(draft, now) {
      const existing = [...subs.values()].find((s) => keyOf(s) === keyOf(draft));
      const id = existing?.id ?? `sub_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      const subscription: Subscription = {
        ...draft,
        schedule: { ...draft.schedule },
        id,
        createdAt: now,
      };
      subs.set(id, subscription);
      return { subscription: { ...subscription }, created: !existing };
    },
    async remove({ platform, channelId, topic }) {
      let removed = 0;
      for (const s of [...subs.values()]) {
        if (s.platform !== platform || s.channelId !== channelId) continue;
        if (topic !== undefined && topicKey(s.topic) !== topicKey(topic)) continue;
        subs.delete(s.id);
        dropRuns(s.id);
        removed++;
      }
      return removed;
    },
    async listByChannel(platform, channelId) {
      return [...subs.values()].filter((s) => s.platform === platform && s.channelId === channelId).map(copy);
    },
    async listAll() {
      return [...subs.values()].map(copy);
    },
    async get(id) {
      const s = subs.get(id);
      return s ? copy(s) : null;
    },
  };

  const finish = (
    id: string,
    slot: string,
    owner: string,
    change: Pick<DigestRun, 'status' | 'leaseUntil' | 'lastError' | 'updatedAt'>,
  ) => {
    const run = runs.get(runKey(id, slot));
    if (!run || run.owner !== owner || run.status !== 'running') return false;
    runs.set(runKey(id, slot), { ...run, ...change, owner: change.status === 'retrying' ? null : run.owner });
    return true;
  };

  const ledger: DigestRunStore = {
    async claim(id, slot, owner, leaseMs, now) {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      const run = runs.get(runKey(id, slot));
      if (!run) {
        if (!subs.has(id)) throw new Error(`No subscription ${id}`);
        runs.set(runKey(id, slot), {
          subscriptionId: id,
          scheduledFor: slot,
          status: 'running',
          owner,
          leaseUntil,
          attempts: 1,
          lastError: null,
          updatedAt: now,
        });
        return true;
      }
      if ((run.status !== 'running' && run.status !== 'retrying') || run.leaseUntil > now) return false;
      runs.set(runKey(id, slot), {
        ...run,
        status: 'running',
        owner,
        leaseUntil,
        attempts: run.attempts + 1,
        updatedAt: now,
      });
      return true;
    },
    async renew(id, slot, owner, leaseMs, now) {
      const run = runs.get(runKey(id, slot));
      if (!run || run.owner !== owner || run.status !== 'running') return false;
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      runs.set(runKey(id, slot), { ...run, leaseUntil, updatedAt: now });
      return true;
    },
    async markSent(id, slot, owner, now) {
      return finish(id, slot, owner, { status: 'sent', leaseUntil: now, lastError: null, updatedAt: now });
    },
    async markFailed(id, slot, owner, error, nextAttemptAt, now) {
      return finish(id, slot, owner, {
        status: nextAttemptAt ? 'retrying' : 'failed',
        leaseUntil: nextAttemptAt ?? now,
        lastError: error,
        updatedAt: now,
      });
    },
    async markSkipped(id, slot, reason, now) {
      if (runs.has(runKey(id, slot))) return false;
      if (!subs.has(id)) throw new Error(`No subscription ${id}`);
      runs.set(runKey(id, slot), {
        subscriptionId: id,
        scheduledFor: slot,
        status: 'skipped',
        owner: null,
        leaseUntil: now,
        attempts: 0,
        lastError: reason,
        updatedAt: now,
      });
      return true;
    },
    async get(id, slot) {
      const run = runs.get(runKey(id, slot));
      return run ? { ...run } : null;
    },
    async lastSent(id) {
      const sent = ofSub(id)
        .filter((r) => r.status === 'sent')
        .map((r) => r.scheduledFor)
        .sort();
      return sent.at(-1) ?? null;
    },
    async listUnfinished(id, before) {
      return ofSub(id)
        .filter((r) => r.scheduledFor < before && (r.status === 'running' || r.status === 'retrying'))
        .sort((a, b) => (a.scheduledFor < b.scheduledFor ? -1 : 1))
        .map((r) => ({ ...r }));
    },
    async recentOutcomes(id, limit) {
      return ofSub(id)
        .filter((r) => r.status === 'sent' || r.status === 'failed')
        .sort((a, b) => (a.scheduledFor < b.scheduledFor ? 1 : -1))
        .slice(0, limit)
        .map((r) => r.status);
    },
  };
  return { subscriptions, runs: ledger };
}

function copy(s: Subscription): Subscription {
  return { ...s, schedule: { ...s.schedule } };
}
