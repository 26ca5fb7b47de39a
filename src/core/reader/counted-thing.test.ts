/**
 * "How many X": the thing counted, read off the question, and the counts of a sentence that are of it
 * (compromise's tags over sentences written here).
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { countedThingOf, countsIn, countsOfThing, type TaggedWord } from './counted-thing.js';

const words = (text: string): TaggedWord[] =>
  (nlp(text).json() as { terms: TaggedWord[] }[]).flatMap((s) => s.terms);
const term = (word: string) => tokenize(word)[0];

describe('countedThingOf', () => {
  it.each([
    ['How many original drawings did the artist make?', 'drawings'],
    ['Roughly how many async tasks per second does the queue run?', 'tasks'],
    ['How many engineering teams use the queue?', 'teams'],
    ['How many of the workers will lose their jobs?', 'workers'],
    ['What number of ferries were sold?', 'ferries'],
  ])('%s → %s', (question, thing) => {
    expect(countedThingOf(words(question))).toBe(term(thing));
  });

  it('names no thing when the question counts none', () => {
    expect(countedThingOf(words('How many did they sell?'))).toBeNull();
    expect(countedThingOf(words('When did the mill close?'))).toBeNull();
  });
});

describe('countsOfThing', () => {
  const depot = words('The Kestrel depot runs 300 buses on 40 routes and trains its drivers on site.');

  it('attaches each count to the noun after it', () => {
    expect(countsIn(depot, term('buses') ?? '')).toEqual([
      { text: '300', of: 'thing' },
      { text: '40', of: 'other' },
    ]);
  });

  it('gives no count of a thing the sentence names but counts nothing of', () => {
    expect(countsOfThing(depot, term('drivers') ?? '')).toEqual([]);
  });

  it('gives no count of other things when the sentence does not name the thing', () => {
    expect(countsOfThing(depot, term('mechanics') ?? '')).toEqual([]);
    expect(
      countsOfThing(words('They have grown to sixty full-time employees.'), term('units') ?? ''),
    ).toEqual([]);
  });

  it('keeps a count tied to nothing named, or to a word that counts anything', () => {
    expect(countsOfThing(words('About 300 of them will lose their jobs.'), term('workers') ?? '')).toEqual([
      '300',
    ]);
    expect(countsOfThing(words('They have shipped eight million units.'), term('computers') ?? '')).toEqual([
      'eight million',
    ]);
  });
});
