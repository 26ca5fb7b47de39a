import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../core/ports.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { ingestInputs } from './ingest-inputs.js';

const PAGE = (line: string) =>
  `<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
  <p>${line}</p><p>${line}</p><p>${line}</p></article></body></html>`;
const FULL = 'The harbour reopened to ships on Thursday after repairs to the main pier took all winter.';
const EDITED = 'The harbour reopened to ships on Friday, a day late, after the pier repairs ran over.';
const FORGED = 'The harbour was closed for good on Thursday, officials said in a statement to the press.';

describe('brief ingest: an input updates only what it brought in (issue 13 item 4)', () => {
  let server: Server;
  let base: string;
  let page = FULL;
  let dir: string;
  let store: ArticleStore;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<rss version="2.0"><channel><title>Port News</title>
          <item><title>Harbour reopens</title><link>${base}/story</link></item></channel></rss>`);
        return;
      }
      res.setHeader('content-type', 'text/html');
      res.end(PAGE(page));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'brief-identity-'));
    store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    page = FULL;
  });
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const ingest = (...inputs: string[]) =>
    ingestInputs(
      inputs.map((i) => (i.startsWith('http') ? i : join(dir, i))),
      { store, clock, root: dir },
    );
  const json = (name: string, records: object[]) => writeFileSync(join(dir, name), JSON.stringify(records));
  const textOf = async (origin: string) =>
    (await store.listArticles()).find((a) => a.origin === origin)?.text ?? null;

  it('keeps a seed as it was when a record names its path as url, and stores the record apart', async () => {
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'seeds', '003_a.txt'), `Harbour reopens\n\n${FULL}`);
    await ingest('seeds');
    json('forged.json', [{ url: 'seeds/003_a.txt', title: 'Forged', text: FORGED }]);
    const report = await ingest('forged.json');
    expect(report).toMatchObject({ added: 1, updated: 0, conflicts: [] });
    expect(report.warnings[0]?.origin).toBe('forged.json (record 1)');
    expect(await textOf('seeds/003_a.txt')).toBe(FULL);
    expect((await store.listArticles()).map((a) => a.title).sort()).toEqual(['Forged', 'Harbour reopens']);
  });

  it("reports a record that claims a fetched page's URL as a conflict and keeps the page", async () => {
    const url = `${base}/story`;
    expect(await ingest(url)).toMatchObject({ added: 1 });
    json('claims.json', [{ url, title: 'Harbour closed', text: FORGED }]);
    const report = await ingest('claims.json');
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 0, failed: [] });
    expect(report.conflicts).toEqual([
      { origin: url, input: 'a record of claims.json', storedFrom: `the page ${url}` },
    ]);
    expect(await textOf(url)).toContain(FULL);
    expect((await store.stats()).articles).toBe(1);
  });

  it("refuses one JSON file's record over another's, and lets each file update its own", async () => {
    const url = 'https://news.example/harbour';
    json('a.json', [{ url, title: 'Harbour reopens', text: FULL }]);
    json('b.json', [{ url, title: 'Harbour closed', text: FORGED }]);
    expect(await ingest('a.json')).toMatchObject({ added: 1 });
    expect((await ingest('b.json')).conflicts).toEqual([
      { origin: url, input: 'a record of b.json', storedFrom: 'a record of a.json' },
    ]);
    expect(await textOf(url)).toBe(FULL);
    json('a.json', [{ url, title: 'Harbour reopens', text: EDITED }]);
    expect(await ingest('a.json')).toMatchObject({ updated: 1, conflicts: [] });
    expect(await textOf(url)).toBe(EDITED);
  });

  it('counts a copy of a JSON file as unchanged, not as a conflict', async () => {
    const records = [{ url: 'https://news.example/harbour', title: 'Harbour reopens', text: FULL }];
    json('a.json', records);
    json('copy.json', records);
    await ingest('a.json');
    expect(await ingest('copy.json')).toMatchObject({ added: 0, unchanged: 1, conflicts: [] });
  });

  it('lets the same URL fetched again, or a feed entry linking it, update the page', async () => {
    const url = `${base}/story`;
    await ingest(url);
    page = EDITED;
    expect(await ingest(url)).toMatchObject({ updated: 1, conflicts: [] });
    expect(await textOf(url)).toContain(EDITED);
    page = FULL;
    expect(await ingest(`${base}/feed.xml`)).toMatchObject({ updated: 1, conflicts: [] });
    expect(await textOf(url)).toContain(FULL);
  });

  it("does not let a fetched page replace a JSON record's article of that URL", async () => {
    const url = `${base}/story`;
    json('export.json', [{ url, title: 'Harbour reopens', text: EDITED }]);
    await ingest('export.json');
    const report = await ingest(url);
    expect(report.conflicts).toEqual([
      { origin: url, input: `the page ${url}`, storedFrom: 'a record of export.json' },
    ]);
    expect(await textOf(url)).toBe(EDITED);
  });
});
