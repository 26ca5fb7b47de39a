import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock, Logger } from '../core/ports.js';
import { createHtmlReader } from '../ingest/html-reader.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../store/sqlite/sqlite-feed-store.js';
import { createFeedScheduler } from './feed-scheduler.js';
import { FEED_TUNING } from './feed-tuning.js';
import { createHostLimiter } from './host-limiter.js';
import type { PollDeps } from './poll-feed.js';
import { type FeedServer, pageHtml, startFeedServer } from './testing/feed-server.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const MINUTE = 60_000;

describe('createFeedScheduler', () => {
  let server: FeedServer;
  const html = createHtmlReader();
  beforeAll(async () => {
    server = await startFeedServer();
    server.routes.set('/daily.xml', {
      validators: true,
      headers: { 'cache-control': 'max-age=1800' },
      body: `<rss version="2.0"><channel><title>Daily</title><ttl>20</ttl>
        <item><title>Only</title><link>${server.base}/only</link></item></channel></rss>`,
    });
    server.routes.set('/only', { type: 'text/html', body: pageHtml('Only') });
    server.routes.set('/down.xml', { status: 503, headers: { 'retry-after': '3600' } });
  });
  afterAll(async () => {
    await html.close();
    await server.close();
  });

  it('polls at start, then by each feed’s interval and its publisher’s hints, once across two processes, embedding after an update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-feed-sched-'));
    const dbs: Database.Database[] = [];
    let now = Date.parse('2026-12-01T10:00:00.000Z');
    const clock: Clock = { now: () => new Date(now) };
    const embedded: string[] = [];
    const passes: boolean[] = [];
    const process = (owner: string) => {
      const db = openSqliteDatabase(join(dir, 'brief.db'));
      dbs.push(db);
      const deps: PollDeps = {
        feeds: createSqliteFeedStore(db),
        articles: createSqliteArticleStore(db),
        clock,
        html,
        owner,
        tuning: FEED_TUNING,
        http: { fetch, timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 5, limiter: createHostLimiter(2) },
      };
      const ticks: (() => void)[] = [];
      const scheduler = createFeedScheduler({
        pollDeps: () => deps,
        logger: quiet,
        afterUpdate: async (results) => void embedded.push(`${owner}: ${results.length}`),
        afterPass: async (changed) => void passes.push(changed),
        timers: { setInterval: (fn) => ticks.push(fn), clearInterval: () => {} },
      });
      return { deps, scheduler };
    };
    const a = process('a');
    const b = process('b');
    await a.deps.feeds.add(
      [
        { url: `${server.base}/daily.xml`, everyMs: 15 * MINUTE, addedBy: 'cli' },
        { url: `${server.base}/down.xml`, everyMs: 15 * MINUTE, addedBy: 'cli' },
      ],
      clock.now().toISOString(),
    );
    const both = async () => (await Promise.all([a.scheduler.tick(), b.scheduler.tick()])).flat();
    const first = await both();
    expect(first.map((r) => [r.url.slice(server.base.length), r.status]).sort()).toEqual([
      ['/daily.xml', 'updated'],
      ['/down.xml', 'failed'],
    ]);
    expect([server.countOf('/daily.xml'), server.countOf('/down.xml')]).toEqual([1, 1]);
    // Cache-Control says 30 min (beyond the 15 min asked and the 20 min ttl); Retry-After an hour.
    const daily = await a.deps.feeds.get(`${server.base}/daily.xml`);
    const down = await a.deps.feeds.get(`${server.base}/down.xml`);
    expect(Date.parse(daily?.nextPollAt ?? '') - now).toBe(30 * MINUTE);
    expect(Date.parse(down?.nextPollAt ?? '') - now).toBe(60 * MINUTE);
    now += 29 * MINUTE;
    expect(await both()).toEqual([]);
    now += MINUTE;
    expect((await both()).map((r) => r.status)).toEqual(['not-modified']);
    now += 30 * MINUTE;
    expect((await both()).map((r) => r.status).sort()).toEqual(['failed', 'not-modified']);
    expect([server.countOf('/daily.xml'), server.countOf('/down.xml')]).toEqual([3, 2]);
    expect(server.countOf('/only')).toBe(1);
    // New articles are embedded after the pass that stored them, and after no other.
    expect(embedded).toHaveLength(1);
    // Every pass of both processes is followed by afterPass (alerts), saying whether it stored articles.
    expect(passes).toHaveLength(8);
    expect(passes.filter(Boolean)).toHaveLength(1);
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
    for (const db of dbs) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('on stop, finishes the poll in progress and leaves the due feeds not started unclaimed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-feed-stop-'));
    const db = openSqliteDatabase(join(dir, 'brief.db'));
    let release!: () => void;
    server.routes.set('/slow.xml', {
      until: new Promise<void>((resolve) => {
        release = resolve;
      }),
      body: '<rss version="2.0"><channel><title>Slow</title></channel></rss>',
    });
    const clock: Clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
    const deps: PollDeps = {
      feeds: createSqliteFeedStore(db),
      articles: createSqliteArticleStore(db),
      clock,
      html,
      owner: 'a',
      // One feed at a time, so the second is still waiting when the stop comes.
      tuning: { ...FEED_TUNING, feedsAtOnce: 1 },
      http: { fetch, timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 5, limiter: createHostLimiter(2) },
    };
    await deps.feeds.add(
      [
        { url: `${server.base}/slow.xml`, everyMs: 15 * MINUTE, addedBy: 'cli' },
        { url: `${server.base}/daily.xml`, everyMs: 15 * MINUTE, addedBy: 'cli' },
      ],
      clock.now().toISOString(),
    );
    const before = server.countOf('/daily.xml');
    const scheduler = createFeedScheduler({
      pollDeps: () => deps,
      logger: quiet,
      timers: { setInterval: () => 0, clearInterval: () => {} },
    });
    scheduler.start();
    while (server.countOf('/slow.xml') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = scheduler.stop();
    release();
    await stopped;
    const slow = await deps.feeds.get(`${server.base}/slow.xml`);
    expect(slow).toMatchObject({ lastStatus: 'unchanged', lastPolledAt: '2026-12-01T10:00:00.000Z' });
    const row = db.prepare('SELECT lease_owner FROM feeds WHERE url = ?').get(`${server.base}/slow.xml`);
    expect(row).toEqual({ lease_owner: null });
    const daily = await deps.feeds.get(`${server.base}/daily.xml`);
    expect(daily).toMatchObject({ lastPolledAt: null });
    expect(server.countOf('/daily.xml')).toBe(before);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
