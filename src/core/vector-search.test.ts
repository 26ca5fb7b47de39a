import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../adapters/log/json-logger.js';
import { createFakeEmbedder, fakeEmbedding } from '../llm/testing/fake-embedding.js';
import { createSqliteVectorIndex } from '../store/sqlite/sqlite-vector-index.js';
import { createSeededBriefing, type SeededBriefing } from '../test-support/seeded-briefing.js';
import { AnswerModelError, type Embedder } from './answer-model.js';
import type { Article, Passage } from './article.js';
import { createBriefing } from './create-briefing.js';
import { embedPassages } from './embed-passages.js';
import { understandQuestion } from './query.js';
import { retrievePassages, termWeights } from './retrieve-passages.js';
import { hybridPassages, type VectorIndex } from './vector-search.js';

let seeded: SeededBriefing;
let index: VectorIndex;
beforeAll(async () => {
  seeded = await createSeededBriefing();
  index = createSqliteVectorIndex(seeded.db);
  await embedPassages(seeded.store, index, createFakeEmbedder());
});
afterAll(() => seeded.close());

const QUESTION = 'How much is the OpenAI AWS deal worth?';

async function bm25For(question: string) {
  const query = understandQuestion(question, seeded.clock.now());
  const weights = await termWeights(seeded.store, query);
  return { query, weights, ranked: await retrievePassages(seeded.store, query, weights, 12) };
}

/** An embedder that puts the question right on top of one passage: a stand-in for "same meaning". */
function pointingAt(passage: Passage, title: string): Embedder & { calls: string[][] } {
  const fake = createFakeEmbedder();
  return {
    model: fake.model,
    calls: fake.calls,
    async embed(texts) {
      fake.calls.push([...texts]);
      return texts.map(() => Float32Array.from(fakeEmbedding(`${title}\n${passage.text}`, 32)));
    },
  };
}

describe('hybridPassages', () => {
  it('brings in a passage that only the vector search finds, and keeps BM25’s best', async () => {
    const { query, weights, ranked } = await bm25For(QUESTION);
    const inBm25 = new Set(ranked.flatMap((r) => [r.passage.id, ...r.duplicates.map((d) => d.passage.id)]));
    let article: Article | undefined;
    let target: Passage | undefined;
    for (const a of await seeded.store.listArticles()) {
      target = (await seeded.store.getPassages(a.id)).find((p) => !inBm25.has(p.id));
      if (target) {
        article = a;
        break;
      }
    }
    if (!target) throw new Error('every passage is in the BM25 ranking');
    const embedder = pointingAt(target, article?.title ?? '');
    const fused = await hybridPassages(
      seeded.store,
      { index, embedder },
      query,
      QUESTION,
      weights,
      ranked,
      12,
      silentLogger,
    );
    const ids = fused.map((r) => r.passage.id);
    expect(ids).toContain(target.id);
    expect(ids[0]).toBe(ranked[0]?.passage.id);
    expect(fused).toHaveLength(12);
    expect(embedder.calls).toEqual([[QUESTION]]);
  });

  it('puts first a passage both rankings put first', async () => {
    const { query, weights, ranked } = await bm25For(QUESTION);
    const second = ranked[1] as (typeof ranked)[number];
    const embedder = pointingAt(second.passage, second.article.title);
    const fused = await hybridPassages(
      seeded.store,
      { index, embedder },
      query,
      QUESTION,
      weights,
      ranked,
      12,
      silentLogger,
    );
    expect(fused[0]?.passage.id).toBe(second.passage.id);
  });

  it('falls back to BM25 alone when the embedder fails or holds no vectors for the model', async () => {
    const { query, weights, ranked } = await bm25For(QUESTION);
    const failing: Embedder = {
      model: 'fake-embed',
      embed: async () => {
        throw new AnswerModelError('timeout', 'slow');
      },
    };
    const run = (embedder: Embedder) =>
      hybridPassages(seeded.store, { index, embedder }, query, QUESTION, weights, ranked, 12, silentLogger);
    expect(await run(failing)).toBe(ranked);
    const otherModel = createFakeEmbedder('another-model');
    expect(await run(otherModel)).toBe(ranked);
    expect(otherModel.calls).toEqual([]);
  });
});

describe('createBriefing with vectors', () => {
  it('answers from the fused ranking with verbatim quotes', async () => {
    const embedder = createFakeEmbedder();
    const briefing = createBriefing({
      store: seeded.store,
      clock: seeded.clock,
      logger: silentLogger,
      vectors: { index, embedder },
    });
    const answer = await briefing.ask(QUESTION);
    expect(answer.answer).toContain('$38 billion');
    for (const c of answer.citations)
      expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
    expect(embedder.calls).toEqual([[QUESTION]]);
  });

  it('embeds a follow-up together with the question before it', async () => {
    const embedder = createFakeEmbedder();
    const briefing = createBriefing({
      store: seeded.store,
      clock: seeded.clock,
      logger: silentLogger,
      vectors: { index, embedder },
    });
    await briefing.ask('and when will it be deployed?', {
      history: [{ question: 'How big is the AWS deal?', answer: 'It is worth $38 billion.' }],
    });
    expect(embedder.calls).toEqual([['How big is the AWS deal? and when will it be deployed?']]);
  });
});
