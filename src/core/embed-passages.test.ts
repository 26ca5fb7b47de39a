import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../llm/testing/fake-embedding.js';
import { createSqliteVectorIndex } from '../store/sqlite/sqlite-vector-index.js';
import { createSeededBriefing, type SeededBriefing } from '../test-support/seeded-briefing.js';
import type { ArticleDraft } from './article.js';
import { embedPassages } from './embed-passages.js';
import { emptyIngestReport, ingestDraft } from './ingest-articles.js';
import type { VectorIndex } from './vector-search.js';

const makeEmbedder = createFakeEmbedder;

const makeDraft = (overrides: Partial<ArticleDraft> = {}): ArticleDraft => ({
  origin: 'test/chips.txt',
  title: 'Chip makers race to build AI accelerators',
  source: 'Test Wire',
  url: null,
  publishedAt: '2026-03-01T10:00:00.000Z',
  text: 'Chip makers are racing to build accelerators for AI training.\n\nDemand for memory is rising fast.',
  ...overrides,
});

let seeded: SeededBriefing;
let index: VectorIndex;
beforeEach(async () => {
  seeded = await createSeededBriefing();
  index = createSqliteVectorIndex(seeded.db);
});
afterEach(() => seeded.close());

const passageCount = async (s: SeededBriefing) => (await s.store.stats()).passages;

describe('embedPassages', () => {
  it('embeds every passage once, in batches, and nothing on a second run', async () => {
    const embedder = makeEmbedder();
    const first = await embedPassages(seeded.store, index, embedder, { batchSize: 5 });
    expect(first).toEqual({ embedded: await passageCount(seeded), unchanged: 0, removed: 0, error: null });
    expect(embedder.calls.every((batch) => batch.length <= 5)).toBe(true);
    expect(await index.count('fake-embed')).toBe(await passageCount(seeded));
    const second = await embedPassages(seeded.store, index, embedder);
    expect(second).toMatchObject({ embedded: 0, unchanged: await passageCount(seeded) });
  });

  it('embeds a changed article again and drops the vectors of its old passages', async () => {
    await ingestDraft(seeded.store, seeded.clock, makeDraft(), emptyIngestReport());
    await embedPassages(seeded.store, index, makeEmbedder());
    await ingestDraft(
      seeded.store,
      seeded.clock,
      makeDraft({ text: 'Chip makers now plan three new factories for AI accelerators.' }),
      emptyIngestReport(),
    );
    const embedder = makeEmbedder();
    const result = await embedPassages(seeded.store, index, embedder);
    expect(result.embedded).toBe(1);
    expect(embedder.calls.flat()[0]).toContain('three new factories');
    expect(await index.count('fake-embed')).toBe(await passageCount(seeded));
  });

  it('embeds everything again when the embedding model changes', async () => {
    await embedPassages(seeded.store, index, makeEmbedder('model-a'));
    const result = await embedPassages(seeded.store, index, makeEmbedder('model-b'));
    expect(result.embedded).toBe(await passageCount(seeded));
    expect(await index.model()).toBe('model-b');
    expect(await index.count('model-a')).toBe(0);
  });

  it('stops when the embedder keeps failing, keeps what it stored, and resumes on the next run', async () => {
    const failing = makeEmbedder('fake-embed', { failOnCall: 2 });
    const first = await embedPassages(seeded.store, index, failing, { batchSize: 4 });
    expect(first.embedded).toBe(4);
    expect(first.error).toMatch(/embedding server down/);
    const second = await embedPassages(seeded.store, index, makeEmbedder(), { batchSize: 4 });
    expect(second.embedded).toBe((await passageCount(seeded)) - 4);
  });
});
