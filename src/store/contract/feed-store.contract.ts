/**
 * @module store/contract/feed-store.contract
 * The FeedStore contract, run against every implementation (SQLite here; PostgreSQL calls the same
 * function): feeds added once, re-added with a new interval, removed; one lease per feed and interval,
 * even through two connections; poll outcomes and entry states kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedPollRecord, FeedStore } from '../../core/ports.js';

const T0 = '2026-05-01T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const URL_A = 'https://a.example/feed.xml';
const URL_B = 'https://b.example/rss';

export interface FeedStoreFixture {
  feeds: FeedStore;
  /** The same store through another connection to the same database. */
  reopen(): Promise<FeedStore>;
  dispose(): Promise<void>;
}

export function makePollRecord(overrides: Partial<FeedPollRecord> = {}): FeedPollRecord {
  return {
    status: 'updated',
    error: null,
    nextPollAt: at(15),
    failures: 0,
    failingSince: null,
    disabled: false,
    entries: [],
    ...overrides,
  };
}

export function describeFeedStoreContract(name: string, factory: () => Promise<FeedStoreFixture>): void {
  const fixtures: FeedStoreFixture[] = [];
  const open = async () => {
    const fixture = await factory();
    fixtures.push(fixture);
    return fixture;
  };
  afterEach(async () => {
    for (const fixture of fixtures.splice(0)) await fixture.dispose();
  });

  describe(`FeedStore contract: ${name}`, () => {
    it('adds feeds once, and re-adding one sets its interval', async () => {
      const { feeds } = await open();
      const added = await feeds.add(
        [
          { url: URL_A, everyMs: 900_000, addedBy: 'cli' },
          { url: URL_B, everyMs: 3_600_000, addedBy: 'slack:T1:C1:U1' },
        ],
        T0,
      );
      expect(added.map((f) => [f.url, f.fetchUrl, f.everyMs, f.addedBy, f.disabled, f.failures])).toEqual([
        [URL_A, URL_A, 900_000, 'cli', false, 0],
        [URL_B, URL_B, 3_600_000, 'slack:T1:C1:U1', false, 0],
      ]);
      expect(added[0]).toMatchObject({ title: null, lastPolledAt: null, nextPollAt: null, articles: 0 });
      await feeds.add([{ url: URL_A, everyMs: 3_600_000, addedBy: 'cli' }], at(1));
      expect((await feeds.list()).map((f) => [f.url, f.everyMs])).toEqual([
        [URL_A, 3_600_000],
        [URL_B, 3_600_000],
      ]);
      expect(await feeds.remove([URL_A, 'https://never.example/'])).toBe(1);
      expect(await feeds.get(URL_A)).toBeNull();
      expect((await feeds.list()).map((f) => f.url)).toEqual([URL_B]);
    });

    it('leases a due feed to one poller, and not again before its next poll', async () => {
      const fixture = await open();
      const other = await fixture.reopen();
      await fixture.feeds.add([{ url: URL_A, everyMs: 900_000, addedBy: 'cli' }], T0);
      const claims = await Promise.all([
        fixture.feeds.claim(URL_A, 'one', 60_000, T0),
        other.claim(URL_A, 'two', 60_000, T0),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = claims[0] ? 'one' : 'two';
      expect(await other.recordPoll(URL_A, 'nobody', makePollRecord(), at(1))).toBe(false);
      expect(await other.recordPoll(URL_A, winner, makePollRecord({ nextPollAt: at(15) }), at(1))).toBe(true);
      expect(await fixture.feeds.claim(URL_A, 'two', 60_000, at(2))).toBe(false);
      expect(await fixture.feeds.claim(URL_A, 'two', 60_000, at(2), true)).toBe(true);
      // A lease held by a poller that died ends: another takes the feed once it has passed.
      expect(await other.claim(URL_A, 'three', 60_000, at(2), true)).toBe(false);
      expect(await other.claim(URL_A, 'three', 60_000, at(4), true)).toBe(true);
    });

    it('lists enabled feeds that are due, soonest first', async () => {
      const { feeds } = await open();
      await feeds.add(
        [
          { url: URL_A, everyMs: 900_000, addedBy: 'cli' },
          { url: URL_B, everyMs: 900_000, addedBy: 'cli' },
        ],
        T0,
      );
      expect((await feeds.listDue(T0, 10)).map((f) => f.url)).toEqual([URL_A, URL_B]);
      await feeds.claim(URL_A, 'me', 60_000, T0);
      await feeds.recordPoll(URL_A, 'me', makePollRecord({ nextPollAt: at(30) }), T0);
      await feeds.claim(URL_B, 'me', 60_000, T0);
      await feeds.recordPoll(URL_B, 'me', makePollRecord({ nextPollAt: at(20), disabled: true }), T0);
      expect((await feeds.listDue(at(10), 10)).map((f) => f.url)).toEqual([]);
      expect((await feeds.listDue(at(30), 10)).map((f) => f.url)).toEqual([URL_A]);
      expect(await feeds.claim(URL_B, 'me', 60_000, at(30), true)).toBe(false);
      // Adding a disabled feed again enables it with a clean slate.
      const [again] = await feeds.add([{ url: URL_B, everyMs: 900_000, addedBy: 'cli' }], at(31));
      expect(again).toMatchObject({ disabled: false, failures: 0 });
    });

    it('keeps the poll outcome, the validators of the last good response and the entry states', async () => {
      const { feeds } = await open();
      await feeds.add([{ url: URL_A, everyMs: 900_000, addedBy: 'cli' }], T0);
      await feeds.claim(URL_A, 'me', 60_000, T0);
      const entry = { key: 'guid:1', origin: 'https://a.example/1', fingerprint: 'f1' };
      await feeds.recordPoll(
        URL_A,
        'me',
        makePollRecord({
          title: 'A News',
          etag: '"v1"',
          lastModified: 'Fri, 01 May 2026 07:00:00 GMT',
          fetchUrl: 'https://a.example/new-feed.xml',
          entries: [entry],
        }),
        T0,
      );
      await feeds.claim(URL_A, 'me', 60_000, at(15));
      await feeds.recordPoll(
        URL_A,
        'me',
        makePollRecord({
          status: 'failed',
          error: 'HTTP 503',
          failures: 1,
          failingSince: at(15),
          nextPollAt: at(20),
          entries: [{ ...entry, fingerprint: 'f2' }],
        }),
        at(15),
      );
      expect(await feeds.get(URL_A)).toMatchObject({
        title: 'A News',
        fetchUrl: 'https://a.example/new-feed.xml',
        etag: '"v1"',
        lastModified: 'Fri, 01 May 2026 07:00:00 GMT',
        lastPolledAt: at(15),
        nextPollAt: at(20),
        lastStatus: 'failed',
        lastError: 'HTTP 503',
        failures: 1,
        failingSince: at(15),
      });
      expect([...(await feeds.entryStates(URL_A)).values()]).toEqual([{ ...entry, fingerprint: 'f2' }]);
      await feeds.remove([URL_A]);
      expect((await feeds.entryStates(URL_A)).size).toBe(0);
    });
  });
}
