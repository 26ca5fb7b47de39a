/**
 * Freshness in the ranking: recent news is favoured among passages about the question, but a fresh
 * story that shares a single common word with the question does not outrank an older one about it.
 */
import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import type { ArticleDraft } from './article.js';
import { emptyIngestReport, ingestDrafts } from './ingest-articles.js';
import { understandQuestion } from './query.js';
import { DEFAULT_RETRIEVAL, retrievePassages, termWeights } from './retrieve-passages.js';

const NOW = '2026-03-02T09:00:00.000Z';

const draft = (origin: string, title: string, publishedAt: string, text: string): ArticleDraft => ({
  origin,
  title,
  source: 'The Daily',
  url: null,
  publishedAt,
  text,
});

const CORPUS: ArticleDraft[] = [
  draft(
    'embassy.txt',
    'Washington in the Pacific',
    '2025-09-01T00:00:00.000Z',
    'The State Department will soon have a new embassy in Nuku’alofa, the capital of Tonga, among many other changes announced in a long list of appointments and budget notes by the department this year.',
  ),
  draft(
    'archivist.txt',
    'Senate confirms new archivist',
    '2026-03-01T00:00:00.000Z',
    'The nation’s new archivist was confirmed on Tuesday: the nation’s records office, which keeps the nation’s papers, had an acting head since 2022.',
  ),
  // Unrelated news, so that the question's words have document frequencies as in a real store.
  ...Array.from({ length: 8 }, (_, i) =>
    draft(
      `council-${i}.txt`,
      `Local news ${i}`,
      '2026-02-20T00:00:00.000Z',
      `The council met on day ${i} to discuss parking, libraries and the budget for the coming year.`,
    ),
  ),
];

async function rankedOrigins(freshnessMinCoverage: number, corpus = CORPUS): Promise<string[]> {
  const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
  const clock = fixedClock(NOW);
  await store.inTransaction((tx) => ingestDrafts(tx, clock, corpus, emptyIngestReport()));
  const query = understandQuestion(
    'The US will open an embassy in which Pacific island nation?',
    new Date(NOW),
  );
  const weights = await termWeights(store, query);
  const ranked = await retrievePassages(store, query, weights, 10, {
    ...DEFAULT_RETRIEVAL,
    freshnessMinCoverage,
  });
  return ranked.map((p) => p.article.origin);
}

describe('freshness in retrieval', () => {
  it('does not lift a fresh story that shares one word with the question above an older one about it', async () => {
    expect(await rankedOrigins(DEFAULT_RETRIEVAL.freshnessMinCoverage)).toEqual([
      'embassy.txt',
      'archivist.txt',
    ]);
  });

  it('still ranks the newer of two stories about the question first', async () => {
    const corpus = [
      draft(
        'older.txt',
        'Embassy plans',
        '2025-06-01T00:00:00.000Z',
        'Washington will open an embassy in Tonga, the Pacific island nation, officials said last spring.',
      ),
      draft(
        'newer.txt',
        'Embassy opens',
        '2026-02-28T00:00:00.000Z',
        'Washington will open an embassy in Tonga, the island nation, officials said this week.',
      ),
      ...CORPUS.slice(2),
    ];
    expect((await rankedOrigins(DEFAULT_RETRIEVAL.freshnessMinCoverage, corpus)).slice(0, 2)).toEqual([
      'newer.txt',
      'older.txt',
    ]);
  });

  it('would, if freshness counted for every passage (the case the rule is for)', async () => {
    expect(await rankedOrigins(0)).toEqual(['archivist.txt', 'embassy.txt']);
  });
});
