import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const [stored] = await store.listArticles();

    pageStatus = 503;
    clock.set('2026-03-02T09:00:00.000Z');
    const report = await ingest();
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
    expect(report.failed).toEqual([
      { origin: `${base}/story`, error: 'could not fetch the page: HTTP 503; kept the stored article' },
    ]);
    const [after] = await store.listArticles();
    expect(after?.text).toContain('approved the new budget');
    expect(after?.ingestedAt).toBe(stored?.ingestedAt);
    expect(
      await store.listArticlesBetween('2026-03-01T12:00:00.000Z', '2026-03-02T12:00:00.000Z', 10),
    ).toEqual([]);
    db.close();
  });

  it('stores the summary when nothing is stored for the page yet', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteArticleStore(db);
    pageStatus = 503;
    const report = await ingestInputs([`${base}/feed.xml`], { store, clock: fixedClock(), root: '.' });
    expect(report).toMatchObject({ added: 1, failed: [] });
    expect(report.warnings).toEqual([
      { origin: `${base}/story`, warning: "stored the feed's summary: could not fetch the page: HTTP 503" },
    ]);
    expect((await store.listArticles())[0]).toMatchObject({ text: TEASER, source: 'Metro Daily' });
    db.close();
  });
});

describe('ingestInputs on hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-hostile-'));
  const write = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('stores an article whose date cannot be read, and says so in the report', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const path = write('undated.md', `---\ntitle: Budget passes\ndate: the 32nd of Smarch\n---\n${BODY}\n`);
    const report = await ingestInputs([path], { store, clock: fixedClock(), root: dir });
    expect(report).toMatchObject({ added: 1, failed: [] });
    expect(report.warnings).toEqual([
      {
        origin: 'undated.md',
        warning: 'front matter date "the 32nd of Smarch" is not a date: stored with the date unknown',
      },
    ]);
    expect((await store.listArticles())[0]).toMatchObject({ title: 'Budget passes', publishedAt: null });
  });

  it('refuses a named pipe, a link to /dev/zero and a storm of brackets each with one line', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    const storm = write('storm.md', `# Storm\n\n${BODY} ${'['.repeat(200_000)}\n`);
    const report = await ingestInputs([join(dir, 'pipe.txt'), join(dir, 'zero.md'), storm], {
      store,
      clock: fixedClock(),
      root: dir,
    });
    expect(report.failed).toEqual([
      { origin: 'pipe.txt', error: expect.stringMatching(/^not a regular file: it is a named pipe/) },
      { origin: 'zero.md', error: expect.stringMatching(/^not a regular file: it is a character device/) },
    ]);
    expect(report.added).toBe(1);
  });
});
