/**
 * @module store/contract/chat-state.contract
 * The chat state contract (SeenStore, RateLimitStore, ExpiringValueStore), run against every
 * implementation. `open` may be called twice for one fixture: both handles share one database, as two
 * bot processes do, and must agree.
 */
import { describe, expect, it } from 'vitest';
import type { ChatStateStores } from '../../core/ports.js';

export interface ChatStateFixture {
  /** A handle on the fixture's database; each call may open a new connection to the same one. */
  open(): Promise<ChatStateStores>;
  dispose(): Promise<void>;
}

const T0 = '2026-03-02T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

export function describeChatStateContract(name: string, factory: () => Promise<ChatStateFixture>): void {
  describe(`chat state contract: ${name}`, () => {
    it('SeenStore: a key is new once until its mark expires, across handles', async () => {
      const fixture = await factory();
      try {
        const [a, b] = [await fixture.open(), await fixture.open()];
        expect(await a.seen.firstTime('event:Ev1', 60_000, T0)).toBe(true);
        expect(await b.seen.firstTime('event:Ev1', 60_000, at(1_000))).toBe(false);
        expect(await a.seen.firstTime('event:Ev1', 60_000, at(59_999))).toBe(false);
        expect(await b.seen.firstTime('event:Ev2', 60_000, at(1_000))).toBe(true);
        expect(await b.seen.firstTime('event:Ev1', 60_000, at(60_000))).toBe(true);
      } finally {
        await fixture.dispose();
      }
    });

    it('SeenStore: of many callers racing for one key, exactly one wins', async () => {
      const fixture = await factory();
      try {
        const handles = [await fixture.open(), await fixture.open()];
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => handles[i % 2]?.seen.firstTime('race', 60_000, T0)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await fixture.dispose();
      }
    });

    it('RateLimitStore: counts hits in a sliding window per key, across handles', async () => {
      const fixture = await factory();
      try {
        const [a, b] = [await fixture.open(), await fixture.open()];
        expect(await a.rateLimits.hit('T1:U1', 2, 60_000, T0)).toEqual({ allowed: true, oldestAt: null });
        expect((await b.rateLimits.hit('T1:U1', 2, 60_000, at(10_000))).allowed).toBe(true);
        expect(await a.rateLimits.hit('T1:U1', 2, 60_000, at(20_000))).toEqual({
          allowed: false,
          oldestAt: T0,
        });
        expect((await b.rateLimits.hit('T1:U2', 2, 60_000, at(20_000))).allowed).toBe(true);
        // The refused hit was not counted: once the first hit leaves the window, one more fits.
        expect((await b.rateLimits.hit('T1:U1', 2, 60_000, at(60_001))).allowed).toBe(true);
        expect((await a.rateLimits.hit('T1:U1', 2, 60_000, at(60_002))).allowed).toBe(false);
      } finally {
        await fixture.dispose();
      }
    });

    it('RateLimitStore: racing hits never exceed the limit', async () => {
      const fixture = await factory();
      try {
        const handles = [await fixture.open(), await fixture.open()];
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => handles[i % 2]?.rateLimits.hit('k', 5, 60_000, T0)),
        );
        expect(results.filter((r) => r?.allowed)).toHaveLength(5);
      } finally {
        await fixture.dispose();
      }
    });

    it('ExpiringValueStore: a value is readable from any handle until it expires or is deleted', async () => {
      const fixture = await factory();
      try {
        const [a, b] = [await fixture.open(), await fixture.open()];
        await a.shares.put('s1', '{"text":"hi"}', 60_000, T0);
        await a.shares.put('s2', 'two', 60_000, T0);
        expect(await b.shares.get('s1', at(59_999))).toBe('{"text":"hi"}');
        expect(await b.shares.get('s1', at(60_000))).toBeNull();
        expect(await b.shares.get('unknown', T0)).toBeNull();
        await b.shares.delete('s2');
        expect(await a.shares.get('s2', T0)).toBeNull();
      } finally {
        await fixture.dispose();
      }
    });
  });
}
