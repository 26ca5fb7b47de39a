import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareArticle } from '../../core/ingest-articles.js';
import { makeArticleDraft } from '../contract/article-store.contract.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL article writes', () => {
  let pg: Awaited<ReturnType<typeof openPgTestStores>>;
  beforeAll(async () => {
    pg = await openPgTestStores();
  });
  afterAll(async () => {
    await pg?.dispose();
  });

  it('stores passage text that COPY must escape exactly as it was given', async () => {
    const text =
      'A tab\there and a backslash \\N that is not NULL. A line\nbreak, a carriage\r\nreturn and "quotes".\n\n' +
      'Second paragraph with C:\\path\\to\\file and a trailing backslash \\';
    const input = prepareArticle(makeArticleDraft({ origin: 'copy-escapes.txt', text }));
    const [result] = await pg.articles.upsertArticles([{ input, now: '2026-03-02T09:00:00.000Z' }]);
    const stored = await pg.articles.getPassages((result as { articleId: string }).articleId);
    expect(stored.map((p) => p.text)).toEqual(input.passages.map((p) => text.slice(p.start, p.end)));
    expect(stored.map((p) => p.sentences)).toEqual(input.passages.map((p) => p.sentences));
  });

  it('stores and finds terms that JSON must escape, as another tokenizer could make them', async () => {
    const odd = ['say "hi"', 'back\\slash', 'tab\there', 'emoji\u{1f4f0}'];
    const input = prepareArticle(makeArticleDraft());
    input.titleTerms = [...input.titleTerms, odd[0] as string];
    input.passageTerms = input.passageTerms.map((terms) => [...terms, ...odd.slice(1), ...odd.slice(1)]);
    expect(await pg.articles.upsertArticles([{ input, now: '2026-03-02T09:00:00.000Z' }])).toEqual([
      { outcome: 'added', articleId: expect.any(String) },
    ]);
    for (const term of odd) {
      const hits = await pg.articles.searchPassages({ terms: [term], limit: 5 });
      expect(hits.length, term).toBe(input.passages.length);
    }
    const { rows } = await pg.pool.query<{ term: string; df: number; max_title: number; max_body: number }>(
      'SELECT term, df, max_title, max_body FROM term_stats WHERE term = ANY($1::text[]) ORDER BY term',
      [odd],
    );
    const n = input.passages.length;
    expect(rows.map((r) => [r.term, r.df, r.max_title, r.max_body])).toEqual([
      ['back\\slash', n, 0, 2],
      ['emoji\u{1f4f0}', n, 0, 2],
      ['say "hi"', n, 1, 0],
      ['tab\there', n, 0, 2],
    ]);
  });
});
