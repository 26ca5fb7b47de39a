/**
 * When two answers of the kind asked for are the same answer (in other words or units), and when two
 * sentences answer a question differently (compromise's spans over sentences written here).
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { understandQuestion } from '../query.js';
import { kindOfQuestion } from './answer-kind.js';
import { createSentenceReader } from './answer-spans.js';
import type { Asked } from './evidence-gate.js';
import { datesConflict, differentAnswers, sameAnswer } from './other-answer.js';

const reader = createSentenceReader(nlp);
const asked = (question: string): Asked => ({
  query: understandQuestion(question, new Date('2026-12-01T00:00:00Z'), []),
  kind: kindOfQuestion(question),
  names: [],
  reader,
  freshNews: false,
});

describe('sameAnswer', () => {
  it('takes one figure in other units or words for the same answer', () => {
    expect(sameAnswer('$2 billion', '$2bn')).toBe(true);
    expect(sameAnswer('six months', '6 months')).toBe(true);
    expect(sameAnswer('2,000', '2000')).toBe(true);
    expect(sameAnswer('1865', 'June 19, 1865')).toBe(true);
  });

  it('takes two names sharing a name word for one answer', () => {
    expect(sameAnswer('President Biden', 'Joe Biden')).toBe(true);
    expect(sameAnswer('Lena Ortiz', 'Marcus Hale')).toBe(false);
  });

  it('tells different figures and dates apart', () => {
    expect(sameAnswer('$2 billion', '$2.4 billion')).toBe(false);
    expect(sameAnswer('March 3', 'April 14')).toBe(false);
  });
});

describe('datesConflict', () => {
  it('finds a conflict only in a part both dates give', () => {
    expect(datesConflict('July 4, 1776', 'July 9, 1776')).toBe(true);
    expect(datesConflict('March 2024', 'June 2024')).toBe(true);
    expect(datesConflict('Friday', '1989')).toBe(false);
    expect(datesConflict('June 19, 1865', '1865')).toBe(false);
  });
});

describe('differentAnswers', () => {
  it('finds two counts of the thing asked for', () => {
    const q = asked('How many homes did the storm destroy?');
    expect(differentAnswers('The storm destroyed 120 homes.', 'The storm destroyed 95 homes.', q)).toBe(true);
    expect(differentAnswers('The storm destroyed 120 homes.', 'In all 120 homes were destroyed.', q)).toBe(
      false,
    );
  });

  it('finds two people named for one role, not a second name beside the same one', () => {
    const q = asked('Who will chair the board?');
    expect(
      differentAnswers(
        'Lena Ortiz will chair the board from May.',
        'Marcus Hale will chair the board from May.',
        q,
      ),
    ).toBe(true);
    expect(
      differentAnswers(
        'Lena Ortiz will chair the board.',
        'Lena Ortiz will chair the board, Tom Reyes said.',
        q,
      ),
    ).toBe(false);
  });

  it('asked yes or no, finds a claim and its denial', () => {
    const q = asked('Will the ferry run in winter?');
    expect(differentAnswers('The ferry will run in winter.', "The ferry won't run in winter.", q)).toBe(true);
    expect(differentAnswers('The ferry will run in winter.', 'The ferry runs all winter.', q)).toBe(false);
  });

  it('finds nothing to compare for a description', () => {
    const q = asked('What does the new rule say about night work?');
    expect(differentAnswers('It bans night work.', 'It allows night work.', q)).toBe(false);
  });
});
