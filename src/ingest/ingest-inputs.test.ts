import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { ingestInputs } from './ingest-inputs.js';

const BODY = 'The council approved the new budget on Tuesday after a long debate about transit funding.';
const TEASER = 'A short teaser for the budget story, as the feed carries it for readers.';

describe('ingestInputs for a feed whose page fails', () => {
  let server: Server;
  let base: string;
  let pageStatus = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<rss version="2.0"><channel><title>Metro Daily</title>
          <item><title>Budget passes</title><link>${base}/story</link><description>${TEASER}</description></item>
          </channel></rss>`);
      } else if (req.url === '/story' && pageStatus === 200) {
        res.setHeader('content-type', 'text/html');
        res.end(`<html><body><article><p>${BODY}</p><p>${BODY}</p><p>${BODY}</p></article></body></html>`);
      } else {
        res.statusCode = pageStatus === 200 ? 404 : pageStatus;
        res.end('unavailable');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps the stored full article instead of replacing it with the feed summary', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteArticleStore(db);
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const ingest = () => ingestInputs([`${base}/feed.xml`], { store, clock, root: '.' });

    pageStatus = 200;
    expect(await ingest()).toMatchObject({ added: 1, failed: [] });
    const [stored] = store.listArticles();

    pageStatus = 503;
    clock.set('2026-03-02T09:00:00.000Z');
    const report = await ingest();
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
    expect(report.failed).toEqual([
      { origin: `${base}/story`, error: 'could not fetch the page: HTTP 503; kept the stored article' },
    ]);
    const [after] = store.listArticles();
    expect(after?.text).toContain('approved the new budget');
    expect(after?.ingestedAt).toBe(stored?.ingestedAt);
    expect(store.listArticlesBetween('2026-03-01T12:00:00.000Z', '2026-03-02T12:00:00.000Z', 10)).toEqual([]);
    db.close();
  });

  it('stores the summary when nothing is stored for the page yet', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteArticleStore(db);
    pageStatus = 503;
    const report = await ingestInputs([`${base}/feed.xml`], { store, clock: fixedClock(), root: '.' });
    expect(report).toMatchObject({ added: 1, failed: [] });
    expect(store.listArticles()[0]).toMatchObject({ text: TEASER, source: 'Metro Daily' });
    db.close();
  });
});
