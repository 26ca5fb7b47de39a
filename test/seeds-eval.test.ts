/**
 * Regression guard for answer quality over the bundled seeds: the same questions as
 * `npm run eval:seeds`, with the targets (90% correct-and-cited, 90% abstention) as floors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERABLE, UNANSWERABLE } from '../eval/seed-questions.js';
import { createSeededBriefing, type SeededBriefing } from '../src/test-support/seeded-briefing.js';

let seeded: SeededBriefing;
beforeAll(async () => {
  seeded = await createSeededBriefing();
});
afterAll(() => seeded.close());

const seedOf = (origin: string) => /seeds\/(\d{3})_/.exec(origin)?.[1] ?? '';

describe('answer quality over the seeds', () => {
  it('answers at least 90% of answerable questions with the fact, cited from a supporting seed', async () => {
    let ok = 0;
    for (const item of ANSWERABLE) {
      const answer = await seeded.briefing.ask(item.question);
      const cited = answer.citations.some(
        (c) => item.seeds.includes(seedOf(c.origin)) && item.fact.test(c.quote),
      );
      if (!answer.abstained && item.fact.test(answer.answer) && cited) ok++;
    }
    expect(ok / ANSWERABLE.length).toBeGreaterThanOrEqual(0.9);
  });

  it('abstains on at least 90% of unanswerable questions', async () => {
    let abstained = 0;
    for (const question of UNANSWERABLE) if ((await seeded.briefing.ask(question)).abstained) abstained++;
    expect(abstained / UNANSWERABLE.length).toBeGreaterThanOrEqual(0.9);
  });
});
