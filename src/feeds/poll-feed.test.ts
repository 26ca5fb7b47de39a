import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../core/ports.js';
import { createHtmlReader } from '../ingest/html-reader.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../store/sqlite/sqlite-feed-store.js';
import { FEED_TUNING, type FeedTuning } from './feed-tuning.js';
import { createHostLimiter } from './host-limiter.js';
import { type PollDeps, pollFeed } from './poll-feed.js';
import { BILLION_LAUGHS } from './testing/feed-fixtures.js';
import { type FeedServer, PAGE_TEXT, pageHtml, startFeedServer } from './testing/feed-server.js';

const SUMMARY = 'A summary long enough to stand in for the page when the page cannot be fetched at all.';

function rss(title: string, items: { title: string; link: string; guid?: string; summary?: string }[]) {
  const xml = items.map(
    (i) =>
      `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}` +
      `<description>${i.summary ?? SUMMARY}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${xml.join('')}</channel></rss>`;
}

describe('pollFeed', () => {
  let server: FeedServer;
  const html = createHtmlReader();
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await html.close();
    await server.close();
  });
  afterEach(() => {
    server.routes.clear();
    server.requests.length = 0;
    server.conditional.length = 0;
  });

  const setup = (tuning: FeedTuning = FEED_TUNING) => {
    const db = openSqliteDatabase(':memory:');
    let now = Date.parse('2026-12-01T10:00:00.000Z');
    const clock: Clock = { now: () => new Date(now) };
    const deps: PollDeps = {
      feeds: createSqliteFeedStore(db),
      articles: createSqliteArticleStore(db),
      clock,
      html,
      owner: 'test',
      tuning,
      http: { fetch, timeoutMs: 2000, maxBytes: 1024 * 1024, maxRedirects: 5, limiter: createHostLimiter(2) },
    };
    const add = async (path: string) => {
      await deps.feeds.add(
        [{ url: `${server.base}${path}`, everyMs: 15 * 60_000, addedBy: 'cli' }],
        clock.now().toISOString(),
      );
      return async (force = true) => {
        const feed = await deps.feeds.get(`${server.base}${path}`);
        return feed && pollFeed(feed, deps, force);
      };
    };
    return { db, deps, add, advance: (ms: number) => (now += ms) };
  };

  it('fetches pages once, answers the next poll from a 304, and fetches only the page of an edited entry', async () => {
    let edit = '';
    server.routes.set('/feed.xml', {
      validators: true,
      gzip: true,
      body: () =>
        rss('Metro', [
          { title: `Budget passes${edit}`, link: `${server.base}/a` },
          { title: 'Bridge opens', link: `${server.base}/b` },
        ]),
    });
    server.routes.set('/a', { type: 'text/html', body: pageHtml('Budget passes') });
    server.routes.set('/b', { type: 'text/html', body: pageHtml('Bridge opens') });
    const { deps, add } = setup();
    const poll = await add('/feed.xml');
    expect(await poll()).toMatchObject({
      status: 'updated',
      added: 2,
      updated: 0,
      error: null,
      fallbacks: [],
    });
    expect(await poll()).toMatchObject({ status: 'not-modified', added: 0, updated: 0 });
    expect(server.conditional).toEqual(['/feed.xml']);
    expect([server.countOf('/a'), server.countOf('/b')]).toEqual([1, 1]);
    edit = ' after all-night debate';
    expect(await poll()).toMatchObject({ status: 'updated', added: 0, updated: 1 });
    expect([server.countOf('/a'), server.countOf('/b')]).toEqual([2, 1]);
    const titles = (await deps.articles.listArticles()).map((a) => a.title).sort();
    expect(titles).toEqual(['Bridge opens', 'Budget passes after all-night debate']);
    expect((await deps.feeds.get(`${server.base}/feed.xml`))?.articles).toBe(2);
  });

  it('stores one article for a story reached through two feeds, one with tracking parameters', async () => {
    server.routes.set('/one.xml', {
      body: rss('One', [{ title: 'Wire story', link: `${server.base}/wire?utm_source=rss&id=7` }]),
    });
    server.routes.set('/two.xml', {
      body: rss('Two', [{ title: 'Wire story', link: `${server.base}/wire?id=7&fbclid=abc` }]),
    });
    server.routes.set('/wire?utm_source=rss&id=7', { type: 'text/html', body: pageHtml('Wire story') });
    const { deps, add } = setup();
    expect(await (await add('/one.xml'))()).toMatchObject({ status: 'updated', added: 1 });
    expect(await (await add('/two.xml'))()).toMatchObject({ status: 'unchanged', added: 0 });
    const articles = await deps.articles.listArticles();
    expect(articles.map((a) => a.origin)).toEqual([`${server.base}/wire?id=7`]);
    expect(server.requests.filter((p) => p.startsWith('/wire'))).toHaveLength(1);
    expect((await deps.feeds.get(`${server.base}/two.xml`))?.articles).toBe(1);
  });

  it('keeps two stories that share a guid', async () => {
    server.routes.set('/dup.xml', {
      body: rss('Dup', [
        { title: 'First', link: `${server.base}/first`, guid: '42' },
        { title: 'Second', link: `${server.base}/second`, guid: '42' },
      ]),
    });
    server.routes.set('/first', { type: 'text/html', body: pageHtml('First') });
    server.routes.set('/second', { type: 'text/html', body: pageHtml('Second') });
    const { add } = setup();
    expect(await (await add('/dup.xml'))()).toMatchObject({ status: 'updated', added: 2 });
  });

  it('says which entries fell back to the summary, and keeps to the feed deadline with black-holed pages', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      title: `Dead ${i}`,
      link: `${server.base}/hole/${i}`,
    }));
    server.routes.set('/holes.xml', { body: rss('Holes', items) });
    for (const item of items) server.routes.set(new URL(item.link).pathname, { hang: true });
    const { add } = setup({ ...FEED_TUNING, feedDeadlineMs: 300 });
    const started = performance.now();
    const result = await (await add('/holes.xml'))();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ status: 'updated', added: 12 });
    expect(result?.fallbacks).toHaveLength(12);
    expect(result?.fallbacks[0]?.reason).toMatch(/time limit/);
  });

  it('remembers a permanent redirect and fetches the new address from then on', async () => {
    server.routes.set('/old.xml', { status: 301, headers: { location: '/new.xml' } });
    server.routes.set('/new.xml', {
      body: rss('Moved', [{ title: 'Moved story', link: `${server.base}/b` }]),
    });
    server.routes.set('/b', { type: 'text/html', body: pageHtml('Moved story') });
    const { deps, add } = setup();
    const poll = await add('/old.xml');
    await poll();
    expect((await deps.feeds.get(`${server.base}/old.xml`))?.fetchUrl).toBe(`${server.base}/new.xml`);
    await poll();
    expect(server.countOf('/old.xml')).toBe(1);
    expect(server.countOf('/new.xml')).toBe(2);
  });

  it('reports a broken, hostile or missing feed, backs off from 5 minutes and loses nothing stored', async () => {
    server.routes.set('/f.xml', { body: rss('Good', [{ title: 'Kept', link: `${server.base}/k` }]) });
    server.routes.set('/k', { type: 'text/html', body: pageHtml('Kept') });
    const { deps, add, advance } = setup();
    const poll = await add('/f.xml');
    await poll();
    const bad: [string | null, RegExp][] = [
      ['<html><body><p>Not a feed</p></body></html>', /not an RSS, Atom or JSON feed/],
      ['<rss version="2.0"><channel><title>cut', /not an RSS, Atom or JSON feed/],
      [null, /HTTP 500/],
      ['x'.repeat(2 * 1024 * 1024), /too large/],
    ];
    const waits: number[] = [];
    for (const [body, error] of bad) {
      server.routes.set('/f.xml', body === null ? { status: 500 } : { body, type: 'text/html' });
      const result = await poll();
      expect(result?.status, String(error)).toBe('failed');
      expect(result?.error).toMatch(error);
      const feed = await deps.feeds.get(`${server.base}/f.xml`);
      waits.push(Date.parse(feed?.nextPollAt ?? '') - deps.clock.now().getTime());
      advance(60_000);
    }
    expect(waits).toEqual([5, 10, 20, 40].map((m) => m * 60_000));
    expect((await deps.articles.listArticles()).map((a) => a.title)).toEqual(['Kept']);
    expect((await deps.feeds.get(`${server.base}/f.xml`))?.lastError).toMatch(/too large/);
  });

  it('disables a feed that has failed for a week, and not before', async () => {
    server.routes.set('/gone.xml', { status: 404 });
    const { deps, add, advance } = setup();
    const poll = await add('/gone.xml');
    let result = await poll();
    for (let day = 1; day <= 6; day++) {
      advance(86_400_000);
      result = await poll();
      expect(result?.disabled).toBe(false);
    }
    advance(86_400_000);
    result = await poll();
    expect(result).toMatchObject({ status: 'failed', disabled: true, error: 'could not fetch: HTTP 404' });
    expect(await deps.feeds.get(`${server.base}/gone.xml`)).toMatchObject({ disabled: true, failures: 8 });
  });

  it('reads a billion-laughs feed without expanding it, and a windows-1251 feed', async () => {
    server.routes.set('/lol.xml', { body: BILLION_LAUGHS });
    const cyrillic = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>`),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]),
      Buffer.from(`</title><item><title>R</title><link>${server.base}/r</link></item></channel></rss>`),
    ]);
    server.routes.set('/ru.xml', { body: cyrillic, type: 'application/rss+xml' });
    server.routes.set('/r', { type: 'text/html', body: pageHtml('R', PAGE_TEXT) });
    const { deps, add } = setup();
    expect((await (await add('/lol.xml'))())?.status).not.toBe('failed');
    await (await add('/ru.xml'))();
    expect((await deps.feeds.get(`${server.base}/ru.xml`))?.title).toBe('Новости');
  });

  it('polls a feed once when two pollers race for it', async () => {
    server.routes.set('/race.xml', { body: rss('Race', [{ title: 'Once', link: `${server.base}/once` }]) });
    server.routes.set('/once', { type: 'text/html', body: pageHtml('Once') });
    const { deps, add } = setup();
    await add('/race.xml');
    const feed = await deps.feeds.get(`${server.base}/race.xml`);
    if (!feed) throw new Error('not added');
    const results = await Promise.all([pollFeed(feed, deps), pollFeed(feed, { ...deps, owner: 'other' })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(server.countOf('/race.xml')).toBe(1);
  });
});
