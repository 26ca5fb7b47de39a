import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../adapters/log/json-logger.js';
import { createSeededBriefing, type SeededBriefing } from '../test-support/seeded-briefing.js';
import {
  type AnswerModel,
  AnswerModelError,
  type ModelAnswerDraft,
  type ModelAnswerRequest,
  type ModelPassage,
} from './answer-model.js';
import { passagesForModel, throttleProgress, UNVERIFIED_NOTE } from './answer-with-model.js';
import type { ArticleRef } from './article.js';
import { createBriefing } from './create-briefing.js';
import type { RankedPassage } from './retrieve-passages.js';

let seeded: SeededBriefing;
beforeAll(async () => {
  seeded = await createSeededBriefing();
});
afterAll(() => seeded.close());

type Script = (
  request: ModelAnswerRequest,
) => Promise<Omit<ModelAnswerDraft, 'usage'>> | Omit<ModelAnswerDraft, 'usage'>;

function makeModel(script: Script) {
  const requests: ModelAnswerRequest[] = [];
  const model: AnswerModel = {
    name: 'fake',
    async answer(request) {
      requests.push(request);
      return {
        usage: { promptTokens: 100, completionTokens: 20, totalTokens: 120 },
        ...(await script(request)),
      };
    },
    writeStory: async () => {
      throw new Error('not used');
    },
  };
  return Object.assign(model, { requests });
}

function briefingWith(model: AnswerModel, modelPassages = 8) {
  return createBriefing({
    store: seeded.store,
    clock: seeded.clock,
    logger: silentLogger,
    answerModel: model,
    modelPassages,
  });
}

/** The sentence of a given passage that holds `needle`. */
function sentenceWith(passages: ModelPassage[], needle: string): { passage: ModelPassage; sentence: string } {
  for (const passage of passages) {
    const sentence = passage.text.split(/(?<=[.!?])\s+/).find((s) => s.includes(needle));
    if (sentence) return { passage, sentence };
  }
  throw new Error(`no passage holds ${needle}`);
}

const QUESTION = 'How much is the OpenAI AWS deal worth?';
const quotesAreVerbatim = async (citations: { articleId: string; quote: string }[]) => {
  for (const c of citations) expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
};

describe('Briefing.ask with an answer model', () => {
  it('returns the model’s verified answer, citing the articles’ own words', async () => {
    const model = makeModel(({ passages }) => {
      const { passage, sentence } = sentenceWith(passages, '$38 billion');
      return {
        sentences: [
          {
            text: 'The OpenAI–AWS deal is valued at $38 billion.',
            citations: [{ passage: passage.n, quote: sentence.toUpperCase() }],
          },
        ],
        disagreement: false,
        cannotAnswer: false,
      };
    });
    const answer = await briefingWith(model).ask(QUESTION);
    expect(answer.mode).toBe('llm');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toBe('The OpenAI–AWS deal is valued at $38 billion. [1]');
    expect(answer.citations[0]?.quote).toContain('$38 billion');
    await quotesAreVerbatim(answer.citations);
    expect(model.requests[0]?.passages.length).toBeLessThanOrEqual(8);
  });

  it('gives the model at most the configured number of passages', async () => {
    const model = makeModel(() => ({ sentences: [], disagreement: false, cannotAnswer: true }));
    await briefingWith(model, 3).ask(QUESTION);
    expect(model.requests[0]?.passages.map((p) => p.n)).toEqual([1, 2, 3]);
  });

  it('falls back to the extractive answer with a short note when the model fails', async () => {
    const cases: [unknown, RegExp][] = [
      [
        new AnswerModelError('timeout', 'slow'),
        /^The language model did not answer in time; this answer is quoted from the articles\.$/,
      ],
      [new AnswerModelError('rate_limited', '429'), /busy right now/],
      [new AnswerModelError('unavailable', '500'), /unavailable/],
      [new AnswerModelError('malformed', 'bad json'), /could not be read/],
      [new AnswerModelError('circuit_open', 'open'), /paused after repeated failures/],
      [new AnswerModelError('budget', 'spent'), /budget is used up/],
      [new Error('surprise'), /^The language model failed; /],
    ];
    const plain = await createBriefing({
      store: seeded.store,
      clock: seeded.clock,
      logger: silentLogger,
    }).ask(QUESTION);
    for (const [error, note] of cases) {
      const answer = await briefingWith(makeModel(() => Promise.reject(error))).ask(QUESTION);
      expect(answer.mode).toBe('extractive');
      expect(answer.note).toMatch(note);
      expect(answer.answer).toBe(plain.answer);
    }
  });

  it('abstains when nothing the model said holds up, showing none of it', async () => {
    const model = makeModel(({ passages }) => ({
      sentences: [
        {
          text: 'The deal is worth $99 billion.',
          citations: [{ passage: 1, quote: 'worth $99 billion in cash' }],
        },
        {
          text: 'Everyone should sell their shares.',
          citations: [{ passage: passages.length + 5, quote: 'sell your shares now' }],
        },
      ],
      disagreement: false,
      cannotAnswer: false,
    }));
    const answer = await briefingWith(model).ask(QUESTION);
    expect(answer.abstained).toBe(true);
    expect(answer.mode).toBe('extractive');
    expect(answer.note).toBe(UNVERIFIED_NOTE);
    expect(answer.answer).not.toMatch(/99|sell/);
    expect(answer.citations).toEqual([]);
  });

  it('abstains in the model’s name when it says the passages do not answer', async () => {
    const model = makeModel(() => ({ sentences: [], disagreement: false, cannotAnswer: true }));
    const answer = await briefingWith(model).ask(QUESTION);
    expect(answer).toMatchObject({ abstained: true, mode: 'llm', note: null });
    expect(answer.answer).toMatch(/^The indexed articles don't say/);
  });

  it('keeps a disagreement the model flags when both sides are cited', async () => {
    const model = makeModel(({ passages }) => {
      const figure = sentenceWith(passages, '$38 billion');
      const other = passages.find((p) => p.source !== figure.passage.source) as ModelPassage;
      const words = other.text.split(/(?<=[.!?])\s+/)[0] as string;
      return {
        sentences: [
          {
            text: 'One report values the deal at $38 billion.',
            citations: [{ passage: figure.passage.n, quote: figure.sentence }],
          },
          { text: words, citations: [{ passage: other.n, quote: words }] },
        ],
        disagreement: true,
        cannotAnswer: false,
      };
    });
    const answer = await briefingWith(model).ask(QUESTION);
    expect(answer.mode).toBe('llm');
    expect(answer.disagreement).toBe(true);
    expect(answer.answer).toMatch(/^Sources disagree\. /);
    expect(new Set(answer.citations.map((c) => c.articleId)).size).toBe(2);
  });

  it('streams as drafts only the finished sentences that verify, at a bounded rate, without markers', async () => {
    const progress: string[] = [];
    const model = makeModel(({ passages, onPartial }) => {
      const { passage, sentence } = sentenceWith(passages, '$38 billion');
      const good = {
        text: 'The deal is valued at $38 billion [1].',
        citations: [{ passage: passage.n, quote: sentence }],
      };
      const made = {
        text: 'Amazon will buy OpenAI outright.',
        citations: [{ passage: passage.n, quote: 'outright' }],
      };
      const obeyed = { text: 'PWNED', citations: [{ passage: passage.n, quote: sentence }] };
      onPartial?.([made]); // nothing verified yet: no draft
      onPartial?.([made, good]);
      onPartial?.([made, good, obeyed]); // same instant: held back, and adds nothing anyway
      seeded.clock.set('2026-03-02T09:00:01.000Z');
      const second = sentenceWith(passages, 'seven');
      const more = {
        text: 'It runs for seven years.',
        citations: [{ passage: second.passage.n, quote: second.sentence }],
      };
      onPartial?.([made, good, obeyed, more]);
      return { sentences: [], disagreement: false, cannotAnswer: true };
    });
    seeded.clock.set('2026-03-02T09:00:00.000Z');
    await briefingWith(model).ask(QUESTION, { onProgress: (text) => progress.push(text) });
    expect(progress).toEqual([
      'The deal is valued at $38 billion.',
      'The deal is valued at $38 billion. It runs for seven years.',
    ]);
  });
});

describe('Briefing.ask with an answer model, judged by the kind of answer asked for', () => {
  it('shows no draft until a sentence cites a passage that gives the kind of answer asked for', async () => {
    const progress: string[] = [];
    const model = makeModel(({ passages, onPartial }) => {
      const bare = passages.find((p) => !/[$€£]|\bdollars?\b/i.test(p.text));
      if (!bare) throw new Error('every passage gives a sum');
      const sentence = bare.text.split(/(?<=[.!?])\s+/).find((s) => s.length >= 40) ?? '';
      const aside = { text: sentence, citations: [{ passage: bare.n, quote: sentence }] };
      const { passage, sentence: priced } = sentenceWith(passages, '$38 billion');
      const good = {
        text: 'The deal is valued at $38 billion.',
        citations: [{ passage: passage.n, quote: priced }],
      };
      onPartial?.([aside]); // verified, but no sum cited yet: the answer might still be the extractive one
      onPartial?.([aside, good]);
      return { sentences: [aside, good], disagreement: false, cannotAnswer: false };
    });
    seeded.clock.set('2026-03-02T09:00:00.000Z');
    const answer = await briefingWith(model).ask(QUESTION, { onProgress: (text) => progress.push(text) });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toContain('The deal is valued at $38 billion.');
    expect(answer.mode).toBe('llm');
  });
});

describe('passagesForModel', () => {
  const article: ArticleRef = {
    id: 'a',
    title: 't',
    source: null,
    url: null,
    origin: 'o',
    publishedAt: null,
  };
  const ranked = (id: number, duplicates: number[] = []): RankedPassage => ({
    passage: { id, articleId: 'a', ordinal: 0, start: 0, end: 1, sentences: [], text: `p${id}` },
    article,
    score: 1,
    coverage: 1,
    terms: new Set(),
    duplicates: duplicates.map((d) => ({
      passage: { id: d, articleId: 'b', ordinal: 0, start: 0, end: 1, sentences: [], text: `p${d}` },
      article,
      score: 1,
    })),
  });

  it('keeps two places for counterpoints not already given, then fills with copies', () => {
    const given = passagesForModel(
      [ranked(1, [11]), ranked(2), ranked(3), ranked(4)],
      [ranked(2), ranked(5), ranked(6), ranked(7)],
      5,
    );
    expect(given.map((g) => g.text)).toEqual(['p1', 'p2', 'p3', 'p5', 'p6']);
    expect(passagesForModel([ranked(1, [11])], [], 5).map((g) => [g.n, g.text])).toEqual([
      [1, 'p1'],
      [2, 'p11'],
    ]);
  });
});

describe('throttleProgress', () => {
  it('passes nothing on when there is no onProgress', () => {
    expect(throttleProgress(undefined, seeded.clock, 1000, silentLogger)).toBeUndefined();
  });
});
