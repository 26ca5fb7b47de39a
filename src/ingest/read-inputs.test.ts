import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDF, COMMENT_ONLY } from '../feeds/testing/feed-fixtures.js';
import { expandInputs } from './expand-inputs.js';
import { createHtmlReader } from './html-reader.js';
import { readInput } from './read-inputs.js';

const BODY = 'The council approved the new budget on Tuesday after a long debate about transit funding.';
const dir = mkdtempSync(join(tmpdir(), 'brief-inputs-'));
const html = createHtmlReader();
afterAll(() => html.close());
const options = { root: dir, maxBytes: 10_000, fetch: globalThis.fetch, fetchTimeoutMs: 2000, html };
const write = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

describe('readInput for files', () => {
  it('reports binary files, invalid UTF-8, huge files and unsupported types with their reasons', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary file/],
      ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]), /invalid UTF-8/],
      ['huge.txt', 'x'.repeat(20_000), /file too large/],
      ['doc.pdf', '%PDF-1.4', /unsupported file type/],
      ['empty.md', '', /empty file/],
      ['broken.json', '{"title": "x", ', /invalid JSON/],
    ];
    for (const [name, content, reason] of cases) {
      const batch = await readInput(write(name, content), options);
      expect(batch.drafts, name).toHaveLength(0);
      expect(batch.failures[0]?.message, name).toMatch(reason);
      expect(batch.failures[0]?.origin, name).toBe(name);
    }
  });

  it('reads JSON Lines records and reports the bad ones by line', async () => {
    const lines = [
      JSON.stringify({
        title: 'Budget passes',
        url: 'https://news.example/budget',
        source: 'cnn.com',
        publish_date: '2023/01/05',
        text: BODY,
      }),
      '{not json',
      JSON.stringify({ title: 'No text here' }),
    ].join('\n');
    const batch = await readInput(write('articles.jsonl', lines), options);
    expect(batch.drafts).toHaveLength(1);
    expect(batch.drafts[0]).toMatchObject({
      origin: 'https://news.example/budget',
      source: 'CNN',
      publishedAt: '2023-01-05T00:00:00.000Z',
    });
    expect(batch.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/invalid JSON on line 2/),
      expect.stringMatching(/needs a "text", "body" or "content"/),
    ]);
  });

  it('extracts the main text and metadata of an HTML page', async () => {
    const html = `<html><head><title>Budget passes | Daily</title>
      <meta property="og:site_name" content="The Daily"><meta property="article:published_time" content="2024-05-01T10:00:00Z">
      <link rel="canonical" href="https://daily.example/budget"></head>
      <body><nav>Home | World | Sports</nav><article><h1>Budget passes</h1><p>${BODY}</p>
      <p>${BODY.replace('Tuesday', 'Wednesday')}</p><p>${BODY.replace('council', 'mayor')}</p></article>
      <footer>Copyright The Daily</footer></body></html>`;
    const batch = await readInput(write('page.html', html), options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts[0]).toMatchObject({
      source: 'The Daily',
      url: 'https://daily.example/budget',
      publishedAt: '2024-05-01T10:00:00.000Z',
    });
    expect(batch.drafts[0]?.text).toContain('approved the new budget');
    expect(batch.drafts[0]?.text).not.toContain('Home | World');
  });

  it('expands folders to supported files and reports missing paths', async () => {
    const sub = mkdtempSync(join(dir, 'sub-'));
    writeFileSync(join(sub, 'a.txt'), `Title\n\n${BODY}`);
    writeFileSync(join(sub, 'notes.xyz'), 'ignored');
    const { items, failures } = await expandInputs([sub, join(dir, 'missing.txt')]);
    expect(items).toEqual([join(sub, 'a.txt')]);
    expect(failures[0]?.message).toMatch(/no such file/);
  });
});

describe('readInput for URLs', () => {
  let server: Server;
  let base: string;
  let inFlight = 0;
  let maxInFlight = 0;
  let titleEdit = '';
  const waiting: (() => void)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
          <item><title>Budget passes</title><link>${base}/story</link><pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate></item>
          <item><title>Summary only</title><link>${base}/gone</link><description>&lt;p&gt;${BODY}&lt;/p&gt;</description></item>
          </channel></rss>`);
      } else if (req.url === '/styled.xml') {
        res.setHeader('content-type', 'text/xml; charset=utf-8');
        res.end(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>
          <?xml-stylesheet type="text/xsl" href="/rss.xsl"?><!-- generated -->
          <rss version="2.0"><channel><title>Styled News</title>
          <item><title>Budget passes</title><link>${base}/story</link></item></channel></rss>`);
      } else if (req.url === '/guid.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<rss version="2.0"><channel><title>Guid News</title>
          <item><title>Budget passes${titleEdit}</title><guid isPermaLink="true">${base}/story</guid></item>
          <item><title>Summary only${titleEdit}</title><guid isPermaLink="false">news-42</guid>
            <description>${BODY}</description></item></channel></rss>`);
      } else if (req.url === '/comment.xml' || req.url === '/cdf.xml') {
        res.setHeader('content-type', 'application/xml');
        res.end(req.url === '/cdf.xml' ? CDF : COMMENT_ONLY);
      } else if (req.url === '/broken-feed.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end('<rss version="2.0"><channel><title>x</title>');
      } else if (req.url === '/old-feed') {
        res.writeHead(301, { location: '/feeds/news.xml' });
        res.end();
      } else if (req.url === '/feeds/news.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<rss version="2.0"><channel><title>Moved News</title>
          <item><title>Budget passes</title><link>story-1</link></item></channel></rss>`);
      } else if (req.url === '/many.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        const items = Array.from(
          { length: 10 },
          (_, i) => `<item><title>Story ${i}</title><link>${base}/slow/${i}</link></item>`,
        );
        res.end(`<rss version="2.0"><channel><title>Busy News</title>${items.join('')}</channel></rss>`);
      } else if (req.url?.startsWith('/slow/')) {
        // Held until four pages are being fetched together (or briefly, should fewer ever come).
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const release = () => {
          inFlight--;
          res.setHeader('content-type', 'text/html');
          res.end(`<html><body><article><p>${BODY}</p><p>${req.url}</p></article></body></html>`);
        };
        waiting.push(release);
        if (waiting.length >= 4) {
          for (const held of waiting.splice(0)) held();
          return;
        }
        setTimeout(() => {
          const at = waiting.indexOf(release);
          if (at < 0) return;
          waiting.splice(at, 1);
          release();
        }, 200);
      } else if (req.url === '/story' || req.url === '/feeds/story-1') {
        res.setHeader('content-type', 'text/html');
        res.end(`<html><body><article><p>${BODY}</p><p>${BODY}</p><p>${BODY}</p></article></body></html>`);
      } else {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads an RSS feed: fetched pages, and the summary where a page is gone', async () => {
    const batch = await readInput(`${base}/feed.xml`, options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts.map((d) => [d.title, d.url, d.publishedAt, d.source])).toEqual([
      ['Budget passes', `${base}/story`, '2024-05-07T08:00:00.000Z', 'Example News'],
    ]);
    expect(batch.fallbacks.map((f) => [f.draft.title, f.draft.url, f.draft.text, f.reason])).toEqual([
      ['Summary only', `${base}/gone`, BODY, 'could not fetch the page: HTTP 404'],
    ]);
  });

  it('refuses XML that is not a feed instead of storing it as an article titled "<!--"', async () => {
    for (const path of ['/comment.xml', '/cdf.xml']) {
      const batch = await readInput(`${base}${path}`, options);
      expect(batch.drafts, path).toEqual([]);
      expect(batch.failures.map((f) => [f.origin, f.message])).toEqual([
        [`${base}${path}`, 'XML that is not an RSS, Atom or JSON feed, nor a web page'],
      ]);
    }
    const broken = await readInput(`${base}/broken-feed.xml`, options);
    expect(broken.failures.map((f) => f.origin)).toEqual([`${base}/broken-feed.xml`]);
  });

  it('reads a feed served as XML behind a BOM, a stylesheet instruction and a comment', async () => {
    const batch = await readInput(`${base}/styled.xml`, options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts.map((d) => [d.title, d.url, d.source])).toEqual([
      ['Budget passes', `${base}/story`, 'Styled News'],
    ]);
  });

  it('names linkless feed items by their guid, so an edited title is the same article', async () => {
    const batch = await readInput(`${base}/guid.xml`, options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts.map((d) => [d.origin, d.url, d.title])).toEqual([
      [`${base}/story`, `${base}/story`, 'Budget passes'],
    ]);
    expect(batch.fallbacks.map((f) => f.draft.origin)).toEqual([`${base}/guid.xml#guid:news-42`]);
    titleEdit = ' (updated)';
    const edited = await readInput(`${base}/guid.xml`, options);
    expect(edited.drafts.map((d) => d.origin)).toEqual([`${base}/story`]);
    expect(edited.fallbacks.map((f) => f.draft.origin)).toEqual([`${base}/guid.xml#guid:news-42`]);
  });

  it('resolves relative links in a redirected feed against where it was found', async () => {
    const batch = await readInput(`${base}/old-feed`, options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts.map((d) => d.url)).toEqual([`${base}/feeds/story-1`]);
  });

  it("fetches a feed's pages four at a time, keeping the feed's order", async () => {
    const batch = await readInput(`${base}/many.xml`, options);
    expect(batch.failures).toEqual([]);
    expect(batch.drafts.map((d) => d.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Story ${i}`));
    expect(maxInFlight).toBe(4);
  });

  it('reports an HTTP error with its status', async () => {
    const batch = await readInput(`${base}/missing`, options);
    expect(batch.failures[0]?.message).toMatch(/HTTP 404/);
  });
});
