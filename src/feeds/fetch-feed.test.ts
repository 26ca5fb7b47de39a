import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheMsOf,
  FeedFetchError,
  fetchFeed,
  fetchPage,
  type HttpOptions,
  retryAfterMs,
} from './fetch-feed.js';
import { createHostLimiter } from './host-limiter.js';
import { type FeedServer, startFeedServer } from './testing/feed-server.js';

const NONE = { etag: null, lastModified: null };
const RSS = '<rss version="2.0"><channel><title>T</title><item><title>One</title></item></channel></rss>';

describe('fetchFeed and fetchPage', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.routes.clear();
    server.requests.length = 0;
    server.conditional.length = 0;
    server.stats.maxInFlight = 0;
  });
  const http = (overrides: Partial<HttpOptions> = {}): HttpOptions => ({
    fetch,
    timeoutMs: 2000,
    maxBytes: 1 << 20,
    maxRedirects: 5,
    limiter: createHostLimiter(2),
    deadline: new AbortController().signal,
    ...overrides,
  });

  it('asks conditionally with the ETag or the Last-Modified of the last response, and reads no body on a 304', async () => {
    for (const validators of ['etag', 'last-modified'] as const) {
      server.routes.set('/c.xml', { body: RSS, validators });
      const first = await fetchFeed(`${server.base}/c.xml`, NONE, http());
      if (first.status !== 200) throw new Error('expected a body first');
      expect(Object.values(first.validators).filter(Boolean)).toHaveLength(1);
      expect(await fetchFeed(`${server.base}/c.xml`, first.validators, http())).toMatchObject({
        status: 304,
      });
      server.routes.set('/c.xml', { body: RSS.replace('One', 'Two'), validators });
      const changed = await fetchFeed(`${server.base}/c.xml`, first.validators, http());
      expect(changed.status === 200 && changed.body).toContain('Two');
    }
    expect(server.conditional).toEqual(['/c.xml', '/c.xml', '/c.xml', '/c.xml']);
  });

  it('decodes gzip, deflate and br', async () => {
    for (const encoding of ['gzip', 'deflate', 'br'] as const) {
      server.routes.set(`/${encoding}.xml`, { body: RSS.replace('One', `Über ${encoding}`), encoding });
      const got = await fetchFeed(`${server.base}/${encoding}.xml`, NONE, http());
      expect(got.status === 200 && got.body, encoding).toBe(RSS.replace('One', `Über ${encoding}`));
    }
  });

  it('decodes the charset the Content-Type declares, else the one the XML declaration names', async () => {
    const title = Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]); // "Новости" in windows-1251
    server.routes.set('/header.xml', {
      type: 'application/rss+xml; charset=windows-1251',
      body: Buffer.concat([
        Buffer.from('<rss version="2.0"><channel><title>'),
        title,
        Buffer.from('</title>'),
      ]),
    });
    server.routes.set('/sniffed.xml', {
      type: 'application/xml',
      body: Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf'),
        Buffer.from([0xe9, 0x20, 0xe0, 0x20, 0x50, 0x61, 0x72, 0x69, 0x73]), // "é à Paris"
        Buffer.from('</title>'),
      ]),
    });
    const header = await fetchFeed(`${server.base}/header.xml`, NONE, http());
    const sniffed = await fetchFeed(`${server.base}/sniffed.xml`, NONE, http());
    expect(header.status === 200 && header.body).toContain('<title>Новости</title>');
    expect(sniffed.status === 200 && sniffed.body).toContain('<title>Café à Paris</title>');
  });

  it('keeps to the per-host limit until each body is read, and limits each host apart', async () => {
    for (let i = 0; i < 6; i++)
      server.routes.set(`/slow/${i}`, {
        type: 'text/html',
        body: `<p>${'slow '.repeat(200)}</p>`,
        trickleMs: 60,
      });
    const options = http();
    const urls = (host: string) =>
      Array.from({ length: 6 }, (_, i) => `http://${host}:${new URL(server.base).port}/slow/${i}`);
    await Promise.all(urls('127.0.0.1').map((url) => fetchPage(url, options)));
    expect(server.stats.maxInFlight).toBe(2);
    server.stats.maxInFlight = 0;
    await Promise.all([...urls('127.0.0.1'), ...urls('localhost')].map((url) => fetchPage(url, options)));
    expect(server.stats.maxInFlight).toBe(4);
  });

  it('gives up on a feed that does not answer within the timeout', async () => {
    server.routes.set('/hang.xml', { hang: true });
    const started = performance.now();
    const failed = fetchFeed(`${server.base}/hang.xml`, NONE, http({ timeoutMs: 200 }));
    await expect(failed).rejects.toThrow(FeedFetchError);
    await expect(failed).rejects.toThrow(/could not fetch/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('stops reading an endless (1 GB) body at the size limit', async () => {
    server.routes.set('/endless.xml', { endless: true });
    server.stats.endlessBytes = 0;
    const started = performance.now();
    await expect(fetchFeed(`${server.base}/endless.xml`, NONE, http({ maxBytes: 1 << 20 }))).rejects.toThrow(
      /too large/,
    );
    expect(performance.now() - started).toBeLessThan(3000);
    // The server was cut off soon after the limit, not after a gigabyte.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.stats.endlessBytes).toBeLessThan(32 << 20);
  });

  it('remembers a chain of permanent redirects only, and names a loop', async () => {
    server.routes.set('/a.xml', { status: 301, headers: { location: '/b.xml' } });
    server.routes.set('/b.xml', { status: 308, headers: { location: `${server.base}/c.xml` } });
    server.routes.set('/t.xml', { status: 302, headers: { location: '/c.xml' } });
    server.routes.set('/c.xml', { body: RSS });
    server.routes.set('/loop1.xml', { status: 301, headers: { location: '/loop2.xml' } });
    server.routes.set('/loop2.xml', { status: 302, headers: { location: '/loop1.xml' } });
    expect(await fetchFeed(`${server.base}/a.xml`, NONE, http())).toMatchObject({
      status: 200,
      finalUrl: `${server.base}/c.xml`,
      movedTo: `${server.base}/c.xml`,
    });
    expect(await fetchFeed(`${server.base}/t.xml`, NONE, http())).toMatchObject({
      status: 200,
      movedTo: null,
    });
    await expect(fetchFeed(`${server.base}/loop1.xml`, NONE, http())).rejects.toThrow(
      `could not fetch: redirect loop (${server.base}/loop1.xml)`,
    );
  });
});

describe('cacheMsOf and retryAfterMs', () => {
  const date = 'Tue, 01 Dec 2026 10:00:00 GMT';
  it('reads s-maxage, then max-age, then Expires counted from the Date header', () => {
    expect(cacheMsOf(new Headers({ 'cache-control': 'public, max-age=600, s-maxage=1200' }))).toBe(1_200_000);
    expect(cacheMsOf(new Headers({ 'cache-control': 'max-age=600' }))).toBe(600_000);
    expect(cacheMsOf(new Headers({ date, expires: 'Tue, 01 Dec 2026 11:30:00 GMT' }))).toBe(90 * 60_000);
    expect(cacheMsOf(new Headers({ expires: 'Tue, 01 Dec 2026 11:30:00 GMT' }))).toBeNull();
    // "Expires: 0" (already expired) asks for nothing beyond the feed's own interval.
    expect(cacheMsOf(new Headers({ date, expires: '0' }))).toBe(0);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:00 GMT', new Headers({ date }))).toBe(2 * 3_600_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
