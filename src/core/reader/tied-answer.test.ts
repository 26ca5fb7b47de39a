/**
 * The answer tied to what the question asks (issue 15 items 3 and 5), over articles written for these
 * tests: an amount asked for each one is not answered by a total, a date asked of an event is not the
 * date of another event of the story, and a name cut off a long quote is quoted with it.
 */
import { describe, expect, it } from 'vitest';
import { askOver } from '../../test-support/ask-over.js';
import type { ArticleDraft } from '../article.js';

const NOW = '2026-12-01T09:00:00.000Z';

function draft(origin: string, title: string, lines: string[]): ArticleDraft {
  return {
    origin,
    title,
    source: 'The Valley Courier',
    url: null,
    publishedAt: '2025-03-14T00:00:00.000Z',
    text: lines.join('\n'),
  };
}

function briefingOver(drafts: ArticleDraft[]) {
  return askOver(drafts, NOW);
}

const FUND = [
  'A county judge on Friday approved a $9 million fund for the workers of the closed Riverside paper mill in Oakdale.',
  'Workers who file a claim before the end of June will share the fund, the union said.',
  'Harlow Paper, which owned the mill, agreed to pay into the fund without admitting any fault.',
];
const LONG = [
  'Oakdale hopes to reopen its paper mill next year.',
  'Tomas Herrera, who spent 31 years on the night shift at the old boiler house and now chairs a workers association in the valley, spoke on Monday; the rescue plan for the Riverside mill had been drawn up by his association over the winter and would keep about 300 of the 2,000 jobs, with the cooperative owned by the workers and backed by a state loan.',
];
const PLAN = [
  'The Oakdale council has not said when it will vote on the rescue plan for the Riverside mill.',
  'The rescue plan for the Riverside mill was drawn up in March 2024 by a group of former mill workers.',
];

describe('an answer tied to the question', () => {
  it('does not answer "how much will each" with the total', async () => {
    const ask = briefingOver([draft('fund.txt', 'Fund for Riverside mill workers approved', FUND)]);
    const answer = await ask('How much will each Riverside mill worker get from the fund?');
    expect(answer.abstained).toBe(true);
  });

  it('answers "how much will each" with the amount for each one', async () => {
    const each = [...FUND, 'Each Riverside mill worker will get about $4,500 from the fund, the union said.'];
    const ask = briefingOver([draft('fund.txt', 'Fund for Riverside mill workers approved', each)]);
    const answer = await ask('How much will each Riverside mill worker get from the fund?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain('$4,500');
  });

  it('does not give the date of another event of the story for the one asked about', async () => {
    const ask = briefingOver([draft('plan.txt', 'Riverside mill rescue plan', PLAN)]);
    const answer = await ask('When will the Oakdale council vote on the rescue plan for the Riverside mill?');
    expect(answer.abstained).toBe(true);
  });

  it('gives the date of the event asked about', async () => {
    const ask = briefingOver([draft('plan.txt', 'Riverside mill rescue plan', PLAN)]);
    const answer = await ask('When was the rescue plan for the Riverside mill drawn up?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain('March 2024');
  });

  it('quotes a long sentence whole when the clauses that carry the question leave out the name asked for', async () => {
    const ask = briefingOver([draft('long.txt', 'Mill rescue', LONG)]);
    const answer = await ask('Who drew up the rescue plan for the Riverside mill?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain('Tomas Herrera');
  });
});
