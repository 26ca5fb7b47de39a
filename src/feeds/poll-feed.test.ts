import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createForeground } from '../core/foreground.js';
import type { Clock } from '../core/ports.js';
import { createHtmlReader } from '../ingest/html-reader.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../store/sqlite/sqlite-feed-store.js';
import { FEED_TUNING, type FeedTuning } from './feed-tuning.js';
import { createHostLimiter } from './host-limiter.js';
import { type PollDeps, pollFeed } from './poll-feed.js';
import { BILLION_LAUGHS, rssOf } from './testing/feed-fixtures.js';
import { type FeedServer, PAGE_TEXT, pageHtml, type Route, startFeedServer } from './testing/feed-server.js';

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
    server.stats.maxInFlight = 0;
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
    const bad: [Route, RegExp][] = [
      [
        { body: '<html><body><p>Not a feed</p></body></html>', type: 'text/html' },
        /not an RSS, Atom or JSON feed/,
      ],
      [
        { body: '<rss version="2.0"><channel><title>cut', type: 'text/html' },
        /not an RSS, Atom or JSON feed/,
      ],
      [{ status: 500 }, /HTTP 500/],
      [{ body: 'x'.repeat(2 * 1024 * 1024), type: 'text/html' }, /too large/],
      [{ endless: true }, /too large/],
      [{ status: 302, headers: { location: '/f2.xml' } }, /redirect loop/],
    ];
    server.routes.set('/f2.xml', { status: 301, headers: { location: '/f.xml' } });
    const waits: number[] = [];
    for (const [route, error] of bad) {
      server.routes.set('/f.xml', route);
      const result = await poll();
      expect(result?.status, String(error)).toBe('failed');
      expect(result?.error).toMatch(error);
      const feed = await deps.feeds.get(`${server.base}/f.xml`);
      waits.push(Date.parse(feed?.nextPollAt ?? '') - deps.clock.now().getTime());
      advance(60_000);
    }
    expect(waits).toEqual([5, 10, 20, 40, 80, 160].map((m) => m * 60_000));
    expect((await deps.articles.listArticles()).map((a) => a.title)).toEqual(['Kept']);
    expect((await deps.feeds.get(`${server.base}/f.xml`))?.lastError).toMatch(/redirect loop/);
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
  it('reads real-world-shaped feeds over HTTP: CDATA, relative links, xml:base, Atom xhtml, JSON Feed, slow and gzipped', async () => {
    const b = server.base;
    server.routes.set('/cdata.xml', {
      gzip: true,
      trickleMs: 150,
      body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily &amp; Co</title>
<item><title><![CDATA[Budget <b>passes</b> & more]]></title><link>/news/budget?utm_source=rss</link><guid isPermaLink="false">d-1</guid>
<description><![CDATA[<p>Short <i>teaser</i>.</p>]]></description></item></channel></rss>`,
    });
    server.routes.set('/atom.xml', {
      type: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${b}/blog/"><title>Atom Blog</title><id>urn:a</id><updated>2026-12-01T10:00:00Z</updated>
<entry xml:base="posts/"><title type="html">Caf&amp;eacute; &lt;b&gt;opens&lt;/b&gt;</title><id>tag:a,2026:1</id><link rel="replies" href="1#c"/><link rel="alternate" href="1.html"/>
<updated>2026-12-01T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p></div></content></entry></feed>`,
    });
    server.routes.set('/feed.json', {
      type: 'application/feed+json',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON 1.1',
        items: [{ id: 'x', url: '/json/x', title: 'Harbour plan', content_text: 'Plain text.' }],
      }),
    });
    server.routes.set('/news/budget?utm_source=rss', { type: 'text/html', body: pageHtml('Budget page') });
    server.routes.set('/blog/posts/1.html', { type: 'text/html', body: pageHtml('Cafe page') });
    server.routes.set('/json/x', { type: 'text/html', body: pageHtml('Harbour page') });
    const { deps, add } = setup();
    for (const path of ['/cdata.xml', '/atom.xml', '/feed.json'])
      expect(await (await add(path))(), path).toMatchObject({ status: 'updated', added: 1, fallbacks: [] });
    const stored = (await deps.articles.listArticles()).map((a) => [a.title, a.origin]).sort();
    expect(stored).toEqual([
      ['Budget passes & more', `${b}/news/budget`],
      ['Café opens', `${b}/blog/posts/1.html`],
      ['Harbour plan', `${b}/json/x`],
    ]);
  });

  it('recovers the entries of malformed XML', async () => {
    server.routes.set('/broken.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
<item><title>Unclosed <b>tag</title><link>${server.base}/m1</link></item><item><title>Fine & dandy</title><link>${server.base}/m2</link>`,
    });
    server.routes.set('/m1', { type: 'text/html', body: pageHtml('M one') });
    server.routes.set('/m2', { type: 'text/html', body: pageHtml('M two') });
    const { add } = setup();
    expect(await (await add('/broken.xml'))()).toMatchObject({ status: 'updated', added: 2 });
  });

  it('asks with Last-Modified alone when the feed sends no ETag, and a 304 fetches nothing more', async () => {
    server.routes.set('/lm.xml', {
      validators: 'last-modified',
      body: rss('LM', [{ title: 'Dated', link: `${server.base}/d` }]),
    });
    server.routes.set('/d', { type: 'text/html', body: pageHtml('Dated') });
    const { deps, add } = setup();
    const poll = await add('/lm.xml');
    await poll();
    expect((await deps.feeds.get(`${server.base}/lm.xml`))?.lastModified).toMatch(/GMT$/);
    expect(await poll()).toMatchObject({ status: 'not-modified' });
    expect(await poll()).toMatchObject({ status: 'not-modified' });
    expect(server.conditional).toEqual(['/lm.xml', '/lm.xml']);
    expect(server.countOf('/d')).toBe(1);
  });

  it('updates an edited headline in place when the link changes only its tracking parameters', async () => {
    let version = { title: 'Storm nears coast', campaign: 'a' };
    server.routes.set('/edit.xml', {
      body: () =>
        rss('Edit', [
          { title: version.title, link: `${server.base}/storm?utm_campaign=${version.campaign}` },
        ]),
    });
    server.routes.set('/storm?utm_campaign=a', { type: 'text/html', body: pageHtml('Storm') });
    server.routes.set('/storm?utm_campaign=b', { type: 'text/html', body: pageHtml('Storm') });
    const { deps, add } = setup();
    const poll = await add('/edit.xml');
    expect(await poll()).toMatchObject({ added: 1 });
    version = { title: 'Storm makes landfall', campaign: 'b' };
    expect(await poll()).toMatchObject({ status: 'updated', added: 0, updated: 1 });
    const articles = await deps.articles.listArticles();
    expect(articles.map((a) => [a.title, a.origin])).toEqual([
      ['Storm makes landfall', `${server.base}/storm`],
    ]);
  });

  it('takes a feed of 10,000 entries 50 new pages per poll, the next 50 on the next poll', async () => {
    server.routes.set('/many.xml', { body: rssOf(server.base, 10_000) });
    for (let i = 0; i < 100; i++)
      server.routes.set(`/story/${i}`, { type: 'text/html', body: pageHtml(`Story ${i}`) });
    const { deps, add } = setup();
    deps.http.maxBytes = 4 << 20;
    const poll = await add('/many.xml');
    expect(await poll()).toMatchObject({ status: 'updated', added: FEED_TUNING.maxNewPagesPerPoll });
    expect(await poll()).toMatchObject({ status: 'updated', added: FEED_TUNING.maxNewPagesPerPoll });
    expect(server.requests.filter((p) => p.startsWith('/story/')).sort()).toEqual(
      Array.from({ length: 100 }, (_, i) => `/story/${i}`).sort(),
    );
  });

  it('fetches the pages of one host two at a time', async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({
      title: `Slow ${i}`,
      link: `${server.base}/slow/${i}`,
    }));
    server.routes.set('/slow.xml', { body: rss('Slow', items) });
    for (const item of items)
      server.routes.set(new URL(item.link).pathname, {
        type: 'text/html',
        body: pageHtml(item.title),
        trickleMs: 40,
      });
    const { add } = setup();
    expect(await (await add('/slow.xml'))()).toMatchObject({ added: 8 });
    expect(server.stats.maxInFlight).toBe(2);
  });
  it('waits at its next step while chat is answering, and goes on when the answer is done', async () => {
    server.routes.set('/chat.xml', { body: rss('Chat', [{ title: 'Later', link: `${server.base}/later` }]) });
    server.routes.set('/later', { type: 'text/html', body: pageHtml('Later') });
    const foreground = createForeground();
    const { deps, add } = setup();
    deps.pause = () => foreground.idle(60_000);
    const poll = await add('/chat.xml');
    let answered!: () => void;
    const answer = foreground.run(() => new Promise<void>((resolve) => (answered = resolve)));
    const polled = poll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.countOf('/chat.xml')).toBe(0);
    answered();
    await answer;
    expect(await polled).toMatchObject({ status: 'updated', added: 1 });
  });
});
