import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededBriefing, type SeededBriefing } from '../test-support/seeded-briefing.js';

let seeded: SeededBriefing;
beforeAll(async () => {
  seeded = await createSeededBriefing();
});
afterAll(() => seeded.close());

const quotesAreVerbatim = async (citations: { articleId: string; quote: string }[]) => {
  for (const c of citations) expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
};

describe('Briefing.ask over the seeds', () => {
  it('answers an amount question with the figure, citing several outlets for the same fact', async () => {
    const answer = await seeded.briefing.ask('How much is the OpenAI AWS deal worth?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('$38 billion');
    const first = answer.sentences[0];
    expect(first?.citations.length).toBeGreaterThanOrEqual(2);
    const outlets = new Set(first?.citations.map((n) => answer.citations[n - 1]?.articleId));
    expect(outlets.size).toBe(first?.citations.length);
    await quotesAreVerbatim(answer.citations);
  });

  it('says that sources disagree on the value and cites each side', async () => {
    const answer = await seeded.briefing.ask('How big is the AWS deal?');
    expect(answer.disagreement).toBe(true);
    expect(answer.answer).toMatch(/^Sources disagree/);
    expect(answer.citations.some((c) => /not disclosed/.test(c.quote))).toBe(true);
    expect(answer.citations.some((c) => c.quote.includes('$38 billion'))).toBe(true);
  });

  it('answers a when-question with a date', async () => {
    const answer = await seeded.briefing.ask('When will the capacity be fully deployed?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/end of 2026/);
  });

  it('answers a who-question with the person', async () => {
    const answer = await seeded.briefing.ask('Who is the CEO of AWS?');
    expect(answer.sentences[0]?.text).toContain('Matt Garman');
  });

  it('abstains on an off-topic question and on a near miss, without guessing', async () => {
    for (const question of ['Who won the 2022 World Cup?', "What was Nvidia's quarterly revenue?"]) {
      const answer = await seeded.briefing.ask(question);
      expect(answer.abstained, question).toBe(true);
      expect(answer.answer).toMatch(/^The indexed articles don't say/);
      await quotesAreVerbatim(answer.citations);
    }
  });

  it('understands a follow-up in the context of the thread', async () => {
    const history = [{ question: 'How big is the AWS deal?', answer: 'It is worth $38 billion.' }];
    const answer = await seeded.briefing.ask('and when will it be deployed?', { history });
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/2026/);
  });

  it('keeps every citation verbatim and every [n] backed by a citation, whatever is asked', async () => {
    const words = [
      'AWS',
      'OpenAI',
      'deal',
      'Nvidia',
      'Microsoft',
      'GPU',
      'when',
      'how much',
      'who',
      'stock',
      'Azure',
      'chips',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
        async (picked) => {
          const answer = await seeded.briefing.ask(`${picked.join(' ')}?`);
          await quotesAreVerbatim(answer.citations);
          const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
          for (const n of markers) expect(answer.citations.some((c) => c.n === n)).toBe(true);
          expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('Briefing.search over the seeds', () => {
  it('finds exact model names and returns one result per article', async () => {
    const { results } = await seeded.briefing.search('GB200', 10);
    expect(results[0]?.snippet).toContain('GB200');
    expect(new Set(results.map((r) => r.articleId)).size).toBe(results.length);
  });

  it('returns nothing for terms no article has', async () => {
    expect((await seeded.briefing.search('zeppelin', 10)).results).toEqual([]);
  });
});
