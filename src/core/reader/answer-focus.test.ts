/**
 * The question's focus (compromise's tags over questions written here): the event a "when" asks the
 * date of, an amount asked for each one, and the figures of a sentence that are amounts for each one.
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { focusOf, isAge, isPerUnit, namesEvent } from './answer-focus.js';
import type { TaggedWord } from './counted-thing.js';

const words = (text: string): TaggedWord[] =>
  (nlp(text).json() as { terms: TaggedWord[] }[]).flatMap((s) => s.terms);
const term = (word: string) => tokenize(word)[0];

describe('focusOf', () => {
  it.each([
    ['When will the Oakdale council vote on the rescue plan?', 'vote'],
    ['When was the Riverside paper mill founded?', 'founded'],
    ['When did the ferry land at Portmere?', 'land'],
    ['What year did Harlow Paper buy the mill?', 'buy'],
  ])('%s → the event %s', (question, verb) => {
    expect(focusOf(words(question)).verb).toBe(term(verb));
  });

  it('names no event for a question about a state or a thing', () => {
    expect(focusOf(words('When is the deadline for the mill rescue bids?')).verb).toBeNull();
  });

  it('tells an amount for each one from a total', () => {
    expect(focusOf(words('How much will each mill worker get from the fund?')).perUnit).toBe(true);
    expect(focusOf(words('How much does a ferry ticket cost per trip?')).perUnit).toBe(true);
    expect(focusOf(words('How much is the rescue fund worth?')).perUnit).toBe(false);
  });
});

describe('isPerUnit', () => {
  it('reads an amount for each one in its clause or after it', () => {
    expect(isPerUnit('Each worker will receive about $1,800, the union said.', '$1,800')).toBe(true);
    expect(isPerUnit('Tickets cost $12 a trip on weekdays.', '$12')).toBe(true);
    expect(isPerUnit('The fund pays $40 per share to holders.', '$40')).toBe(true);
  });

  it('reads a total as no amount for each one', () => {
    const sentence = 'A judge approved a $9 million fund for the mill workers, who will be paid in spring.';
    expect(isPerUnit(sentence, '$9 million')).toBe(false);
  });
});

describe('namesEvent', () => {
  it('finds the event in another form of the word', () => {
    expect(namesEvent('The council voted 7 to 2 on Monday.', term('vote') ?? '')).toBe(true);
    expect(namesEvent('The exoneration came in 2022.', term('exonerating') ?? '')).toBe(true);
    expect(namesEvent('The plan was first debated in 2022.', term('vote') ?? '')).toBe(false);
  });
});

describe('isAge', () => {
  it('takes a number given as an age', () => {
    expect(isAge('Ansel Brody, 98, died on Sunday.', '98')).toBe(true);
    expect(isAge('The 98-year-old ferryman retired.', '98')).toBe(true);
    expect(isAge('Brody died in 2019 at the age of 98.', '98')).toBe(true);
    expect(isAge('Brody died at 98 on Sunday.', '98')).toBe(true);
    expect(isAge('He was 98 years old.', '98 years')).toBe(true);
  });

  it('refuses the other numbers of the story', () => {
    expect(isAge('Brody ran the ferry for 60 years.', '60 years')).toBe(false);
    expect(isAge('Brody made 300 crossings a year, aged or not.', '300')).toBe(false);
    expect(isAge('There were 330 supercentenarians in the country.', '330')).toBe(false);
  });
});

describe('focusOf, age', () => {
  it('reads "how old" and "at what age" as asking an age', () => {
    expect(focusOf(words('How old was the ferryman when he retired?')).age).toBe(true);
    expect(focusOf(words('At what age did the ferryman retire?')).age).toBe(true);
    expect(focusOf(words('How long did the ferryman work?')).age).toBe(false);
  });
});
