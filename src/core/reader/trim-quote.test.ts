/**
 * Trimming long sentences: every quote is verbatim, within the limit, and starts where a clause with
 * its own subject starts (the sentence's start, or after a semicolon or dash not followed by "which",
 * "and"…), never after a comma (", 63, a former …").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermWeights } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';
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

  // Sentences built from a small grammar, so the test knows where each clause with its own subject
  // starts without asking trim-quote: the sentence's start and each independent clause joined by "; "
  // or " — ". Everything else (a relative clause, an appositive, a parenthetical between dashes, the
  // predicate after it, a participle, "and …") is a quote without its subject.
  const SUBJECTS = ['the mill', 'Harlow Paper', 'the council', 'Ann Lee', 'about 300 workers'];
  const PREDICATES = [
    'closed in March',
    'will cut 300 jobs at the plant',
    'said the plant employs 2,000 people',
    'voted to keep the mill open',
    'has made newsprint since 1921',
  ];
  const AFTER_SUBJECT = [
    '',
    ', which has made newsprint since 1921,',
    ', who chairs the council,',
    ', 63, a former mayor,',
    ' — the county’s largest employer —',
    ' — which opened in 1921 —',
    ' (the largest employer in the county)',
  ];
  const AFTER_PREDICATE = [
    '',
    ', ending a long history of work in the town',
    ' — making it the largest closure in the county',
    ' — and will cut 300 jobs at the plant',
    '; which ended a long history of work in the town',
    ', including 40 apprentices',
    ' — to save the mill',
    ' — 63 of them apprentices',
    ': about 300 jobs',
  ];
  const independentClause = fc
    .tuple(
      fc.constantFrom(...SUBJECTS),
      fc.constantFrom(...AFTER_SUBJECT),
      fc.constantFrom(...PREDICATES),
      fc.constantFrom(...AFTER_PREDICATE),
    )
    .map(([subject, attached, predicate, trailing]) => ({
      subject,
      rest: `${attached} ${predicate}${trailing}`,
    }));
  const builtSentence = fc
    .tuple(
      independentClause,
      fc.array(fc.tuple(fc.constantFrom('; ', ' — '), independentClause), { maxLength: 3 }),
    )
    .map(([first, more]) => {
      let text = `${first.subject.replace(/^./, (c) => c.toUpperCase())}${first.rest}`;
      const starts = [0];
      for (const [join, clause] of more) {
        text += join;
        starts.push(text.length);
        text += `${clause.subject}${clause.rest}`;
      }
      return { text: `${text}.`, starts };
    });
  const QUESTION_WORDS = ['mill', 'council', 'jobs', 'mayor', 'newsprint', 'employer', 'apprentices', 'town'];

  it('starts every cut quote where a clause with its own subject starts, verbatim (built sentences)', () => {
    fc.assert(
      fc.property(
        builtSentence,
        fc.subarray(QUESTION_WORDS, { minLength: 1 }),
        fc.integer({ min: 30, max: 220 }),
        ({ text, starts }, words, max) => {
          const quote = trimToClauses(text, weightsFor(tokenize(words.join(' '))), max);
          expect(quote.length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : 0));
          expect(quote).toBe(quote.trim());
          const at = starts.filter((start) => text.startsWith(quote, start));
          expect(at, `"${quote}" from "${text}"`).not.toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
