import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { emptyIngestReport, ingestBatch, mayUpdate } from './ingest-articles.js';

const draft = (origin: string, text: string) => ({
  origin,
  title: 'T',
  source: null,
  url: null,
  publishedAt: null,
  text,
});

describe('ingestBatch', () => {
  it('reports an article with no sentence to index instead of storing it unfindable', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const report = emptyIngestReport();
    const prose = 'The harbour reopened on Thursday after repairs to the main pier took all winter.';
    await ingestBatch(
      store,
      fixedClock(),
      [draft('junk.txt', '%%%% ---- #### ~~~~ '.repeat(4)), draft('ok.txt', prose)],
      report,
    );
    expect(report).toMatchObject({
      added: 1,
      failed: [{ origin: 'junk.txt', error: 'could not store: there is no sentence in it to index' }],
    });
    expect((await store.listArticles()).map((a) => a.origin)).toEqual(['ok.txt']);
  });
});

describe('mayUpdate', () => {
  const url = 'https://news.example/a';
  it('lets only the input that brought an article in update it', () => {
    expect(mayUpdate({ kind: 'file', input: 'a.txt' }, { kind: 'file', input: 'a.txt' }, 'a.txt')).toBe(true);
    expect(mayUpdate({ kind: 'record', input: 'a.json' }, { kind: 'record', input: 'a.json' }, url)).toBe(
      true,
    );
    expect(mayUpdate({ kind: 'record', input: 'a.json' }, { kind: 'record', input: 'b.json' }, url)).toBe(
      false,
    );
    expect(
      mayUpdate({ kind: 'file', input: 'a.json#1' }, { kind: 'record', input: 'a.json' }, 'a.json#1'),
    ).toBe(false);
    expect(mayUpdate({ kind: 'page', input: url }, { kind: 'record', input: 'a.json' }, url)).toBe(false);
    expect(mayUpdate({ kind: 'record', input: 'a.json' }, { kind: 'page', input: url }, url)).toBe(false);
  });

  it('lets a page and a feed entry linking it update each other, but not a feed entry named by a fragment', () => {
    const feed = { kind: 'feed' as const, input: 'https://news.example/rss' };
    expect(mayUpdate({ kind: 'page', input: url }, feed, url)).toBe(true);
    expect(mayUpdate(feed, { kind: 'page', input: url }, url)).toBe(true);
    const entry = 'https://news.example/rss#guid:7';
    expect(mayUpdate(feed, { kind: 'page', input: entry }, entry)).toBe(false);
  });

  it('lets the first input that claims it again adopt an article stored before sources were recorded', () => {
    expect(mayUpdate(null, { kind: 'record', input: 'a.json' }, url)).toBe(true);
  });
});
