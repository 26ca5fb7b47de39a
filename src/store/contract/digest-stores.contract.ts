/**
 * @module store/contract/digest-stores.contract
 * The SubscriptionStore and DigestRunStore contract, run against every implementation: one
 * subscription per channel and topic, and a run ledger whose claims exactly one owner wins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DigestRunStore, SubscriptionDraft, SubscriptionStore } from '../../core/digest/digest-ports.js';

const T0 = '2026-05-01T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function makeSubscriptionDraft(overrides: Partial<SubscriptionDraft> = {}): SubscriptionDraft {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'UTC' },
    topic: null,
    quietWhenEmpty: false,
    createdBy: 'U1',
    ...overrides,
  };
}
const makeDraft = makeSubscriptionDraft;

export interface DigestStoresFixture {
  subs: SubscriptionStore;
  runs: DigestRunStore;
  /** The same stores through another connection to the same database, when there can be one. */
  reopen?(): Promise<{ subs: SubscriptionStore; runs: DigestRunStore }>;
  dispose(): Promise<void>;
}

export function describeDigestStoresContract(
  name: string,
  factory: () => Promise<DigestStoresFixture>,
): void {
  const fixtures: DigestStoresFixture[] = [];
  const open = async () => {
    const fixture = await factory();
    fixtures.push(fixture);
    return fixture;
  };
  afterEach(async () => {
    for (const fixture of fixtures.splice(0)) await fixture.dispose();
  });

  describe(`SubscriptionStore contract: ${name}`, () => {
    it('keeps one subscription per channel and topic, topics compared case-insensitively', async () => {
      const { subs } = await open();
      const first = await subs.upsert(makeDraft({ topic: 'AI chips' }), at(0));
      const again = await subs.upsert(
        makeDraft({
          topic: 'ai  Chips',
          schedule: { label: 'weekdays 07:00', cron: '0 7 * * 1-5', timezone: 'UTC' },
        }),
        at(5),
      );
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.subscription.id).toBe(first.subscription.id);
      expect(again.subscription.schedule.label).toBe('weekdays 07:00');
      expect(again.subscription.createdAt).toBe(at(5));
      await subs.upsert(makeDraft(), at(6));
      await subs.upsert(makeDraft({ channelId: 'C2' }), at(7));
      expect(await subs.listByChannel('slack', 'C1')).toHaveLength(2);
      expect(await subs.listByChannel('discord', 'C1')).toHaveLength(0);
      expect(await subs.listAll()).toHaveLength(3);
      expect(await subs.get(first.subscription.id)).toEqual(again.subscription);
    });

    it('removes one topic, the untopical one, or the whole channel', async () => {
      const { subs } = await open();
      await subs.upsert(makeDraft({ topic: 'AI' }), at(0));
      await subs.upsert(makeDraft({ topic: 'Climate' }), at(0));
      await subs.upsert(makeDraft(), at(0));
      expect(await subs.remove({ platform: 'slack', channelId: 'C1', topic: 'ai' })).toBe(1);
      expect(await subs.remove({ platform: 'slack', channelId: 'C1', topic: null })).toBe(1);
      expect(await subs.remove({ platform: 'slack', channelId: 'C1', topic: 'Sports' })).toBe(0);
      expect(await subs.remove({ platform: 'slack', channelId: 'C1' })).toBe(1);
      expect(await subs.listAll()).toEqual([]);
    });
  });

  describe(`DigestRunStore contract: ${name}`, () => {
    it('lets exactly one owner claim a run while its lease holds, and another once it has passed', async () => {
      const { subs, runs } = await open();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      expect(await runs.claim(subscription.id, T0, 'a', 60_000, at(0))).toBe(true);
      expect(await runs.claim(subscription.id, T0, 'b', 60_000, at(0))).toBe(false);
      expect(await runs.claim(subscription.id, T0, 'b', 60_000, at(0.5))).toBe(false);
      expect(await runs.claim(subscription.id, T0, 'b', 60_000, at(1))).toBe(true);
      expect(await runs.markSent(subscription.id, T0, 'a', at(1))).toBe(false);
      expect(await runs.markSent(subscription.id, T0, 'b', at(1))).toBe(true);
      expect(await runs.claim(subscription.id, T0, 'c', 60_000, at(100))).toBe(false);
      expect(await runs.get(subscription.id, T0)).toMatchObject({ status: 'sent', owner: 'b', attempts: 2 });
      expect(await runs.lastSent(subscription.id)).toBe(T0);
    });

    it('lets only the owner of a running run renew its lease, which keeps others from taking it', async () => {
      const { subs, runs } = await open();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      expect(await runs.claim(subscription.id, T0, 'a', 30_000, at(0))).toBe(true);
      expect(await runs.renew(subscription.id, T0, 'b', 30_000, at(0.25))).toBe(false);
      expect(await runs.renew(subscription.id, T0, 'a', 30_000, at(0.25))).toBe(true);
      expect(await runs.claim(subscription.id, T0, 'b', 30_000, at(0.6))).toBe(false);
      expect(await runs.get(subscription.id, T0)).toMatchObject({ leaseUntil: at(0.75), owner: 'a' });
      expect(await runs.claim(subscription.id, T0, 'b', 30_000, at(0.75))).toBe(true);
      expect(await runs.renew(subscription.id, T0, 'a', 30_000, at(0.8))).toBe(false);
      expect(await runs.markSent(subscription.id, T0, 'b', at(0.8))).toBe(true);
      expect(await runs.renew(subscription.id, T0, 'b', 30_000, at(0.9))).toBe(false);
    });

    it('holds a retrying run until its next attempt time, and never reopens a failed one', async () => {
      const { subs, runs } = await open();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      await runs.claim(subscription.id, T0, 'a', 60_000, at(0));
      expect(await runs.markFailed(subscription.id, T0, 'a', 'rate limited', at(2), at(0))).toBe(true);
      expect(await runs.listUnfinished(subscription.id, at(1))).toHaveLength(1);
      expect(await runs.claim(subscription.id, T0, 'a', 60_000, at(1))).toBe(false);
      expect(await runs.claim(subscription.id, T0, 'b', 60_000, at(2))).toBe(true);
      expect(await runs.markFailed(subscription.id, T0, 'b', 'channel gone', null, at(2))).toBe(true);
      expect(await runs.claim(subscription.id, T0, 'a', 60_000, at(500))).toBe(false);
      expect(await runs.get(subscription.id, T0)).toMatchObject({
        status: 'failed',
        attempts: 2,
        lastError: 'channel gone',
      });
      expect(await runs.lastSent(subscription.id)).toBeNull();
      expect(await runs.listUnfinished(subscription.id, at(1))).toEqual([]);
    });

    it('records a skipped slot once and lets nobody claim it', async () => {
      const { subs, runs } = await open();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      expect(await runs.markSkipped(subscription.id, T0, 'missed', at(300))).toBe(true);
      expect(await runs.markSkipped(subscription.id, T0, 'missed', at(301))).toBe(false);
      expect(await runs.claim(subscription.id, T0, 'a', 60_000, at(302))).toBe(false);
    });

    it('forgets the runs of a removed subscription', async () => {
      const { subs, runs } = await open();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      await runs.claim(subscription.id, T0, 'a', 60_000, at(0));
      await runs.markSent(subscription.id, T0, 'a', at(0));
      await subs.remove({ platform: 'slack', channelId: 'C1' });
      expect(await runs.get(subscription.id, T0)).toBeNull();
    });

    it('gives one claim to one of two connections to the same database', async () => {
      const { subs, runs, reopen } = await open();
      if (!reopen) return; // memory: one process only
      const other = await reopen();
      const { subscription } = await subs.upsert(makeDraft(), at(-60));
      const wins = await Promise.all([
        other.runs.claim(subscription.id, T0, 'b', 60_000, at(0)),
        runs.claim(subscription.id, T0, 'a', 60_000, at(0)),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await runs.get(subscription.id, T0))?.owner).toBe(wins[0] ? 'b' : 'a');
    });
  });
}
