/**
 * Trimming long sentences: every quote is verbatim, within the limit, and starts where a clause with
 * its own subject starts (the sentence's start, or after a semicolon or dash not followed by "which",
 * "and"…), never after a comma (", 63, a former …").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermWeights } from '../retrieve-passages.js';
import { clauseStarts, DEPENDENT_OPENERS, trimToClauses } from './trim-quote.js';

const weightsFor = (terms: string[]): TermWeights => ({
  weights: new Map(terms.map((t) => [t, 1])),
  variants: new Map(terms.map((t) => [t, [t]])),
  total: terms.length,
  own: new Set(terms),
});

const WORDS = [
  'mill',
  'council',
  'which',
  'and',
  'Harlow',
  'closed',
  '63',
  'former',
  'mayor',
  'the',
  'who',
  'jobs',
];
const clause = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const separator = fc.constantFrom(', ', '; ', ' — ', ': ', ' - ');
const sentence = fc
  .tuple(clause, fc.array(fc.tuple(separator, clause), { minLength: 1, maxLength: 12 }))
  .map(([first, rest]) => `${first}${rest.map(([s, c]) => s + c).join('')}.`);

describe('trimToClauses', () => {
  it('returns a verbatim quote that never starts inside a clause without its subject', () => {
    fc.assert(
      fc.property(
        sentence,
        fc.subarray(['mill', 'council', 'jobs', 'mayor']),
        fc.integer({ min: 40, max: 200 }),
        (s, terms, max) => {
          const quote = trimToClauses(s, weightsFor(terms), max);
          expect(s.includes(quote)).toBe(true);
          expect(quote.length).toBeLessThanOrEqual(max);
          if (quote.length === s.length) return;
          const from = clauseStarts(s).filter((start) => s.startsWith(quote, start));
          expect(from.length).toBeGreaterThan(0);
          for (const start of from.filter((x) => x > 0)) {
            expect(s.slice(0, start)).toMatch(/(?:;\s+|\s+[—–]\s+)$/u);
            expect(DEPENDENT_OPENERS.has(quote.split(' ')[0]?.toLowerCase() ?? '')).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the subject of a clause after a comma: the quote starts at the sentence', () => {
    const s = `Harlow Paper said the mill, which has made newsprint on the banks of the Tamsin river since 1921 and was for most of that century the largest employer in the county, will close in March, ending ${'a long history of work in the town '.repeat(4)}.`;
    const quote = trimToClauses(s, weightsFor(['close', 'march']), 200);
    expect(quote.startsWith('Harlow Paper said the mill')).toBe(true);
  });
});
