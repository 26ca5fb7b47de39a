/**
 * When two answers of the kind asked for are the same answer (in other words or units), and when two
 * sentences answer a question differently, for each kind of question (compromise's spans over
 * sentences written here).
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

  it('finds two organisations named for one job, not the outlet that reports it', () => {
    const q = asked('Which company will build the Northfield bridge?');
    expect(
      differentAnswers(
        'Halvorsen Marine will build the Northfield bridge, the council said on Monday.',
        'Brightwater Shipyards will build the Northfield bridge, according to Reuters.',
        q,
      ),
    ).toBe(true);
    expect(
      differentAnswers(
        'Halvorsen Marine will build the Northfield bridge, the council said on Monday.',
        'Halvorsen Marine will build the Northfield bridge, Reuters reported.',
        q,
      ),
    ).toBe(false);
  });

  it('finds two cities, but not a city and the country it lies in', () => {
    const q = asked('Where did the warehouse fire start?');
    expect(
      differentAnswers(
        'The warehouse fire started in Pittsburgh on Friday night.',
        'The warehouse fire started in Philadelphia on Friday night.',
        q,
      ),
    ).toBe(true);
    expect(
      differentAnswers(
        'The warehouse fire started in Philadelphia on Friday night.',
        'The warehouse fire started in the United States on Friday night.',
        q,
      ),
    ).toBe(false);
  });

  it('finds two names given to one thing', () => {
    const q = asked('What will the new research ship be called?');
    expect(
      differentAnswers(
        'The new research ship will be called "Aurora", the navy said.',
        'The new research ship will be called "Borealis", the navy said.',
        q,
      ),
    ).toBe(true);
    expect(
      differentAnswers(
        'The new research ship will be called "Aurora", the navy said.',
        'The navy said the new research ship will be called "Aurora".',
        q,
      ),
    ).toBe(false);
  });

  it('asked whether something happened, finds a report and its denial, not a refusal to say', () => {
    const q = asked('Did the court reject the appeal?');
    expect(
      differentAnswers('The court rejected the appeal.', 'The court did not reject the appeal.', q),
    ).toBe(true);
    expect(
      differentAnswers('The court rejected the appeal.', 'The court rejected the appeal on Monday.', q),
    ).toBe(false);
    expect(
      differentAnswers(
        'The court rejected the appeal.',
        'The court declined to comment on whether it rejected the appeal.',
        q,
      ),
    ).toBe(false);
  });

  it('asked why, finds a cause and its denial, not two causes', () => {
    const q = asked('Why did the warehouse fire start?');
    expect(
      differentAnswers(
        'The warehouse fire started because of an electrical fault, the fire service said.',
        'The warehouse fire did not start because of an electrical fault, the owner said.',
        q,
      ),
    ).toBe(true);
    expect(
      differentAnswers(
        'The warehouse fire started because of an electrical fault.',
        'The warehouse fire started because of a discarded cigarette.',
        q,
      ),
    ).toBe(false);
  });

  it('finds nothing to compare for a description', () => {
    const q = asked('What does the new rule say about night work?');
    expect(differentAnswers('It bans night work.', 'It allows night work.', q)).toBe(false);
  });
});
