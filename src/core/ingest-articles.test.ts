import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { emptyIngestReport, ingestBatch } from './ingest-articles.js';

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
