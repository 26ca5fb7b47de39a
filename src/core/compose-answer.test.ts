import { describe, expect, it } from 'vitest';
import { trimToClauses } from './compose-answer.js';
import type { TermWeights } from './retrieve-passages.js';

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
