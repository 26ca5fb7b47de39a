import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../adapters/log/json-logger.js';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import {
  type AnswerModel,
  AnswerModelError,
  type ModelStoryDraft,
  type ModelStoryRequest,
} from '../answer-model.js';
import { emptyIngestReport, ingestDraft } from '../ingest-articles.js';
import { buildDigest } from './build-digest.js';
import type { Digest } from './digest.js';
import { refineDigestWithModel } from './write-story-with-model.js';

let seeded: SeededBriefing;
let digest: Digest;
beforeAll(async () => {
  seeded = await createSeededBriefing();
  await ingestDraft(
    seeded.store,
    seeded.clock,
    {
      origin: 'test/storm.txt',
      title: 'Storm closes ports along the northern coast',
      source: 'Test Wire',
      url: null,
      publishedAt: '2026-03-02T06:00:00.000Z',
      text: 'A winter storm closed four ports along the northern coast on Monday, officials said. Ferries will stay in harbour until Wednesday.',
    },
    emptyIngestReport(),
  );
  digest = await buildDigest(seeded.store, {
    since: '2026-03-01T00:00:00.000Z',
    until: '2026-03-02T10:00:00.000Z',
  });
});
afterAll(() => seeded.close());

type Script = (request: ModelStoryRequest) => Omit<ModelStoryDraft, 'usage'>;

function makeModel(script: Script) {
  const requests: ModelStoryRequest[] = [];
  const model: AnswerModel = {
    name: 'fake',
    answer: async () => {
      throw new Error('not used');
    },
    async writeStory(request) {
      requests.push(request);
      return { usage: null, ...script(request) };
    },
  };
  return Object.assign(model, { requests });
}

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s+/)[0] as string;
const headlineOf = (sentence: string) => sentence.split(' ').slice(0, 8).join(' ').replace(/[.,]$/, '');
const refine = (model: AnswerModel) =>
  refineDigestWithModel(digest, model, { store: seeded.store, logger: silentLogger });

describe('refineDigestWithModel', () => {
  it('uses the model’s headline and summary when they are verified, citing the articles’ words', async () => {
    const model = makeModel(({ passages }) => {
      const lead = passages[0];
      const quote = firstSentence(lead?.text ?? '');
      return {
        headline: { text: headlineOf(quote), citations: [{ passage: 1, quote }] },
        summary: [{ text: quote, citations: [{ passage: 1, quote }] }],
      };
    });
    const refined = await refine(model);
    expect(digest.stories.length).toBeGreaterThanOrEqual(2);
    for (const [i, story] of refined.stories.entries()) {
      const before = digest.stories[i];
      const lead = firstSentence(model.requests[i]?.passages[0]?.text ?? '');
      expect(story.headline).toBe(headlineOf(lead));
      expect(story.summary).toMatch(
        new RegExp(`^${lead.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')} \\[\\d+\\]$`),
      );
      expect(story.facts).toEqual(before?.facts);
      const n = Number(/\[(\d+)\]$/.exec(story.summary)?.[1]);
      const citation = story.citations[n - 1];
      expect((await seeded.store.getArticle(citation?.articleId ?? ''))?.text).toContain(citation?.quote);
      expect(story.citations.slice(0, before?.citations.length)).toEqual(before?.citations);
    }
    expect(model.requests[0]?.passages.length).toBeLessThanOrEqual(8);
  });

  it('keeps the quoted headline and summary when the model’s do not hold up', async () => {
    const model = makeModel(() => ({
      headline: {
        text: 'Markets crash @everyone',
        citations: [{ passage: 1, quote: 'markets crashed overnight' }],
      },
      summary: [
        {
          text: 'Something else entirely happened.',
          citations: [{ passage: 42, quote: 'invented words here' }],
        },
      ],
    }));
    const refined = await refine(model);
    expect(refined.stories).toEqual(digest.stories);
  });

  it('keeps a story as it was when the call fails, and stops calling once the circuit is open', async () => {
    let calls = 0;
    const model = makeModel(() => {
      calls++;
      throw new AnswerModelError('circuit_open', 'paused');
    });
    const refined = await refine(model);
    expect(refined).toEqual(digest);
    expect(calls).toBe(1);
  });
});
