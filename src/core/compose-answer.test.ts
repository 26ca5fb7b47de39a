/**
 * The extractive answer's composition: quotes cut within the limit; when sentences are one fact (cited
 * together), another fact, or a disagreement; only a refusal to give a figure is the other side of one.
 */

import { describe, expect, it } from 'vitest';
import { askOver } from '../test-support/ask-over.js';
import type { ArticleDraft } from './article.js';
import { trimToClauses } from './compose-answer.js';
import type { TermWeights } from './retrieve-passages.js';
import { declinesToState } from './text/facts.js';
import { variantsOf } from './text/synonyms.js';
import { tokenize } from './text/tokenize.js';

const NO_WEIGHTS: TermWeights = { weights: new Map(), variants: new Map(), total: 0, own: new Set() };

describe('trimToClauses', () => {
  it('keeps a quote within the limit even when the sentence has no spaces to cut at', () => {
    const chinese = '丰田汽车公司今天宣布将在美国建设一座新的电池工厂'.repeat(20);
    const quote = trimToClauses(chinese, NO_WEIGHTS, 260);
    expect(quote.length).toBe(260);
    expect(chinese.startsWith(quote)).toBe(true);

    const oneEarlySpace = `Ein ${'Wort'.repeat(120)}`;
    expect(trimToClauses(oneEarlySpace, NO_WEIGHTS, 260)).toHaveLength(260);
  });

  it('cuts a long sentence without clauses at the last space, not inside a word', () => {
    const sentence = `${'word '.repeat(80)}end.`;
    const quote = trimToClauses(sentence, NO_WEIGHTS, 260);
    expect(quote.length).toBeLessThanOrEqual(260);
    expect(quote.endsWith('word')).toBe(true);
  });
});

const NOW = '2026-12-02T09:00:00.000Z';

function draft(origin: string, source: string, text: string, title = text.slice(0, 40)): ArticleDraft {
  return { origin, title, source, url: null, publishedAt: '2026-11-30T00:00:00.000Z', text };
}

function briefingOver(drafts: ArticleDraft[]) {
  return { ask: askOver(drafts, NOW) };
}

describe('same fact, other fact, disagreement', () => {
  it('does not cite an article about other names because it gives the same figure', async () => {
    const answer = await briefingOver([
      draft(
        'a.txt',
        'CNBC',
        'Amazon has invested $8 billion in Anthropic, the maker of the Claude models, people said.',
        'Amazon deepens its Anthropic bet',
      ),
      draft(
        'b.txt',
        'Mint',
        'Google said it will invest $8 billion in new data centers in India over the next five years.',
        'Google to expand in India',
      ),
    ]).ask('How much has Amazon invested in Anthropic?');
    expect(answer.answer).toContain('$8 billion in Anthropic');
    expect(answer.citations.map((c) => c.source)).toEqual(['CNBC']);
    expect(answer.disagreement).toBe(false);
  });

  it('says sources disagree when the chosen sentences give different figures for the same deal', async () => {
    const answer = await briefingOver([
      draft('a.txt', 'Reuters', 'Acme will pay $2 billion for Widget, the company said on Monday.'),
      draft(
        'b.txt',
        'Bloomberg',
        'Acme will pay $2.4 billion for Widget, people familiar with the deal said.',
      ),
    ]).ask('How much will Acme pay for Widget?');
    expect(answer.disagreement).toBe(true);
    expect(answer.answer).toMatch(/^Sources disagree\. .*\$2 billion.*\$2\.4 billion/);
  });

  it('does not call a different figure about other names the other side of a disagreement', async () => {
    const answer = await briefingOver([
      draft('a.txt', 'CNBC', 'Amazon has invested $8 billion in Anthropic, the company said on Monday.'),
      draft('b.txt', 'Mint', 'Google has invested $10 billion in India, the company said on Monday.'),
    ]).ask('How much has Amazon invested in Anthropic?');
    expect(answer.disagreement).toBe(false);
    expect(answer.answer).toMatch(/^Amazon has invested \$8 billion in Anthropic/);
  });

  it('does not take a refusal about something other than a figure for the other side', async () => {
    const answer = await briefingOver([
      draft(
        'a.txt',
        'Reuters',
        'Acme will pay $2 billion for Widget, the company said on Monday. ' +
          'A spokeswoman for Widget, who did not disclose further details, said the Ohio plant stays open.',
      ),
    ]).ask('How much will Acme pay for Widget?');
    expect(answer.disagreement).toBe(false);
    expect(declinesToState('Brown did not specify which models would run there.')).toBe(false);
    expect(declinesToState('Financial terms were not disclosed.')).toBe(true);
    expect(declinesToState('The chief executive declined to comment on the price.')).toBe(true);
  });

  it('keeps synonyms from matching other words that share their stem', () => {
    const term = (word: string) => tokenize(word)[0] ?? word;
    for (const [asked, unrelated] of [
      ['deal', 'according'],
      ['said', 'state'],
      ['gpu', 'process'],
      ['layoff', 'cut'],
    ] as const) {
      expect(variantsOf(term(asked)), `${asked} / ${unrelated}`).not.toContain(term(unrelated));
    }
    expect(variantsOf(term('paid'))).toContain(term('pay'));
  });
});
