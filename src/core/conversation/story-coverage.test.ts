import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import {
  agreementAnswer,
  coverageAnswer,
  detailAnswer,
  disagreementAnswer,
  findStory,
} from './story-coverage.js';

let seeded: SeededBriefing;
beforeAll(async () => {
  seeded = await createSeededBriefing();
});
afterAll(() => seeded.close());

describe('story coverage', () => {
  it('lists every article behind the story: outlet or "outlet not named", title, date, a cited quote', async () => {
    const found = await findStory(seeded.store, seeded.clock, 'the AWS deal');
    expect(found?.articles).toHaveLength(5);
    const answer = coverageAnswer('which outlets covered the deal?', found ?? never());
    expect(answer.citations).toHaveLength(5);
    expect(answer.answer).toMatch(/^5 articles cover “.+”:\n/);
    expect(answer.answer).toContain('• GeekWire: “OpenAI Signs $38 Billion AWS Deal');
    expect(answer.answer).toMatch(
      /• outlet not named: “Amazon Commits Major AWS Resources to OpenAI.*”, 2026-02-27 \[1\]/,
    );
    expect(answer.answer).toMatch(/date unknown \[\d\]/);
    for (const c of answer.citations)
      expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
  });

  it('finds the story of a detail that only one article mentions', async () => {
    const found = await findStory(seeded.store, seeded.clock, 'Project Rainier');
    expect(found?.articles).toHaveLength(5);
    expect(await findStory(seeded.store, seeded.clock, 'the world cup final')).toBeNull();
  });

  it('quotes and cites each side of a disagreement', async () => {
    const found = (await findStory(seeded.store, seeded.clock, 'the AWS deal')) ?? never();
    const answer = disagreementAnswer('what do the sources disagree on?', found) ?? never();
    expect(answer.disagreement).toBe(true);
    expect(answer.answer).toMatch(/^Sources disagree: .* says the figures were not disclosed/);
    const [, figure, declined] = answer.sentences;
    expect(figure?.text).toContain('$38 billion');
    expect(declined?.text).toMatch(/not disclosed/);
    expect(figure?.citations.length).toBeGreaterThan(0);
    expect(declined?.citations).toHaveLength(1);
    for (const c of answer.citations)
      expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
  });

  it('says the sources agree when a story has no disagreement, and tells more without repeating', async () => {
    const found = (await findStory(seeded.store, seeded.clock, 'the AWS deal')) ?? never();
    const agreed = agreementAnswer('q', { ...found, story: { ...found.story, disagreement: null } });
    expect(agreed.answer).toMatch(
      /^The 5 articles on “.+” don't disagree on any figure I can check\. .+ \[1\]$/,
    );
    const said = found.story.citations[0]?.quote ?? '';
    const more = detailAnswer('tell me more', found, said);
    expect(more.answer).toMatch(/^More on “.+” \(2026-02-27\):/);
    expect(more.citations.map((c) => c.quote)).not.toContain(said);
    const everything = found.story.citations.map((c) => c.quote).join('\n');
    expect(detailAnswer('tell me more', found, everything).answer).toMatch(/^That's all I have on “/);
  });
});

function never(): never {
  throw new Error('expected a value');
}
