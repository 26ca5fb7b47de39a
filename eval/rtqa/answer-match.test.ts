import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerForm, containsAnswer, containsForm, countForm, matchingForm } from './answer-match.js';

describe('answerForm', () => {
  it('drops enclosing quotes, curly or straight, and a final full stop', () => {
    expect(answerForm('“Spare”')).toBe('spare');
    expect(answerForm('"The Last of Us."')).toBe('the last of us');
    expect(answerForm('Dunkin’')).toBe('dunkin');
  });
});

describe('matchingForm', () => {
  it('folds case, quotes, dashes and white space', () => {
    expect(matchingForm('Biden’s  “plan” — 2023–24\n')).toBe('biden\'s "plan" - 2023-24 ');
  });
});

describe('containsAnswer', () => {
  it('finds an answer regardless of case and typography', () => {
    expect(containsAnswer('The 24-year-old BUFFALO  Bills player', ['Buffalo Bills'])).toBe(true);
  });

  it('needs word boundaries at letter and digit ends', () => {
    expect(containsAnswer('It happened in 2021.', ['21'])).toBe(false);
    expect(containsAnswer('A Cuban cigar', ['Cuba'])).toBe(false);
    expect(containsAnswer('Cuba, again', ['Cuba'])).toBe(true);
  });

  it('matches an answer ending in punctuation without a boundary after it', () => {
    expect(containsAnswer('Yahoo!s are rare', ['Yahoo!'])).toBe(true);
  });

  it('finds nothing for an empty answer', () => {
    expect(containsForm('anything', '')).toBe(false);
  });
});

describe('countForm', () => {
  it('counts whole-word occurrences only', () => {
    expect(countForm('paris, parish, paris.', 'paris')).toBe(2);
  });

  it('finds an answer placed between spaces in any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z]{1,8}$/), fc.string(), (before, word, after) => {
        expect(countForm(matchingForm(`${before} ${word} ${after}`), answerForm(word))).toBeGreaterThan(0);
      }),
    );
  });
});
