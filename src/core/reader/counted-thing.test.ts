/**
 * "How many X": the thing counted, read off the question, and the counts of a sentence that are of it
 * (compromise's tags over sentences written here).
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import {
  countedThingNamed,
  countedThingOf,
  countsIn,
  countsOfThing,
  type TaggedWord,
} from './counted-thing.js';

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

describe('the thing counted, in other words', () => {
  it('takes a count of a word that counts the same things', () => {
    const indicted = words('The mayor was indicted on 12 felony counts and released on bail.');
    expect(countsOfThing(indicted, term('charges') ?? '')).toEqual(['12']);
    const herd = words('Some 4,000 head of cattle were moved off the ranch before the flood.');
    expect(countsOfThing(herd, term('cows') ?? '')).toEqual(['4,000']);
  });

  it('still refuses a count of another thing', () => {
    expect(countsOfThing(words('The mayor faces 12 felony counts.'), term('witnesses') ?? '')).toEqual([]);
  });
});

describe('numbers that count nothing', () => {
  it('skips a name’s number, a figure with its unit, a compound and a bare decimal', () => {
    const board = words('The Kestrel Board 3 has a 1.6GHz 32-bit processor and Wi-Fi 6.2 support.');
    expect(countsIn(board, term('boards') ?? '')).toEqual([]);
    const release = words('Firefox 86 shipped with 40 fixes.');
    expect(countsIn(release, term('fixes') ?? '')).toEqual([{ text: '40', of: 'thing' }]);
  });

  it('keeps a decimal with its scale', () => {
    expect(countsOfThing(words('They sold 2.5 million boards last year.'), term('boards') ?? '')).toEqual([
      '2.5 million',
    ]);
  });
});

describe('countedThingNamed', () => {
  const context = (text: string) => new Set(tokenize(text));

  it('refuses a count of nothing named when the thing asked is named neither in the quote nor before it', () => {
    const quote =
      'The ferryman, born in a two-room cottage, raised four sons, three of whom still run boats.';
    expect(
      countedThingNamed(term('nephews') ?? '', quote, context('Old ferryman of Calder dies at 98')),
    ).toBe(false);
  });

  it('accepts the thing named in the quote, in its close context, or counted as people', () => {
    const sons = 'He raised four sons, three of whom still run boats.';
    expect(countedThingNamed(term('sons') ?? '', sons, context(''))).toBe(true);
    expect(
      countedThingNamed(term('boats') ?? '', 'Nine of them still sail.', context('The fleet of boats')),
    ).toBe(true);
    const staff = 'The yard employs 400 people. About 90 of them will be laid off.';
    expect(countedThingNamed(term('welders') ?? '', staff, context(''))).toBe(true);
  });

  it('does not take a word like "person" or "one" for a count of people', () => {
    const quote = 'She was a centenarian, a person who lives past 100, and taught at a one-room school.';
    expect(countedThingNamed(term('cousins') ?? '', quote, context(''))).toBe(false);
  });
});
