/**
 * The names a question turns on, and where they count as found: in the sentence's close context, as
 * the initials of a name there (for a name in capitals), or by a person's surname when the article
 * names them in full.
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { createSentenceReader } from './answer-spans.js';
import { initialsOf, keyNamesFound, keyNamesOf, listInitialsOf } from './key-names.js';

describe('keyNamesOf', () => {
  it('takes capitalised names with their version numbers, not an adverb opening the question', () => {
    expect(keyNamesOf('Roughly how many tasks does Dropbox run?')).toEqual([
      { terms: tokenize('Dropbox'), surname: null, qualifier: false, source: false },
    ]);
    expect(keyNamesOf('What date is Firefox 86 being released?')).toEqual([
      { terms: ['firefox', '86'], surname: null, qualifier: false, source: false },
    ]);
    expect(keyNamesOf('Who runs the bakery?')).toEqual([]);
  });

  it('takes a name in the kind of thing asked for as a qualifier, found anywhere in the article', () => {
    const names = keyNamesOf('Which US President signed the Clean Air Act?');
    expect(names.map((n) => [n.terms, n.qualifier])).toEqual([
      [tokenize('Clean Air Act'), false],
      [tokenize('US President'), true],
    ]);
    const sentence = new Set(tokenize('President Nixon signed the Clean Air Act in 1970.'));
    expect(keyNamesFound(names, sentence, new Set(), new Set([...sentence, ...tokenize('US')]))).toBe(true);
    expect(keyNamesFound(names, sentence, new Set(), sentence)).toBe(false);
  });
});

describe('keyNamesFound', () => {
  const context = new Set(tokenize('Firefox 85 was released in January by Mozilla.'));

  it('needs every word of a short name: Firefox 85 is not Firefox 86', () => {
    expect(keyNamesFound(keyNamesOf('When is Firefox 85 out?'), context)).toBe(true);
    expect(keyNamesFound(keyNamesOf('When is Firefox 86 out?'), context)).toBe(false);
  });

  it('finds an acronym as the initials of a name in the article', () => {
    const initials = initialsOf('Published by the American Civil Liberties Union');
    expect(keyNamesFound(keyNamesOf('In that ACLU piece, how long was the test?'), new Set(), initials)).toBe(
      true,
    );
    expect(keyNamesFound(keyNamesOf('In that EFF piece, how long was the test?'), new Set(), initials)).toBe(
      false,
    );
  });
});

describe('a person named by surname', () => {
  const reader = createSentenceReader(nlp);
  const names = keyNamesOf('Where did Stuart Kaplan first see a tarot deck?', reader);

  it('marks the surname of a person the question names in full', () => {
    expect(names).toEqual([
      { terms: tokenize('Stuart Kaplan'), surname: tokenize('Kaplan')[0], qualifier: false, source: false },
    ]);
    expect(keyNamesOf('How many people does Harlow Paper employ?', reader)[0]?.surname).toBeNull();
  });

  it('finds the person by surname near the sentence when the article names them in full', () => {
    const near = new Set(tokenize('Kaplan saw a deck at the Nuremberg Toy Fair.'));
    const article = new Set(tokenize('Enter Stuart R. Kaplan, a graduate of Wharton. Kaplan saw a deck.'));
    expect(keyNamesFound(names, near, new Set(), article)).toBe(true);
    expect(keyNamesFound(names, near, new Set(), new Set(tokenize('Kaplan saw a deck.')))).toBe(false);
  });

  it('does not take the last word of another kind of name for a surname', () => {
    const mill = keyNamesOf('How many people does the Westbrook Paper mill employ?', reader);
    const near = new Set(tokenize('The paper mill employs 2,000 people.'));
    expect(keyNamesFound(mill, near, new Set(), new Set(tokenize('Westbrook Paper owns a mill.')))).toBe(
      false,
    );
  });
});

describe('a name in another form', () => {
  it('finds a plural name where the article writes it in the singular, and the reverse', () => {
    const article = new Set(tokenize('The Orange Pi board sold out within a week of its launch.'));
    expect(keyNamesFound(keyNamesOf('How many Orange Pis were sold?'), article)).toBe(true);
    const plural = new Set(tokenize('Shops stocked Orange Pis by the thousand.'));
    expect(keyNamesFound(keyNamesOf('When did the Orange Pi launch?'), plural)).toBe(true);
    expect(keyNamesFound(keyNamesOf('How many Banana Pis were sold?'), article)).toBe(false);
  });
});

describe('the source a question cites', () => {
  const reader = createSentenceReader(nlp);
  const sources = (question: string) =>
    keyNamesOf(question, reader)
      .filter((n) => n.source)
      .map((n) => n.terms.join(' '));

  it.each([
    ['In that Kestrel Gazette piece, how long did the strike last?', 'Kestrel Gazette'],
    ['Why does Portside Weekly say the ferry was late?', 'Portside Weekly'],
    ['According to Harbour News, who bought the mill?', 'Harbour News'],
    ['Why does the Gazette writer think the mill will close?', 'Gazette'],
  ])('%s → %s', (question, source) => {
    expect(sources(question)).toEqual([tokenize(source).join(' ')]);
  });

  it('takes a person who says something for the person asked about, not a source', () => {
    expect(sources('What did Mina Osei say about the bakery?')).toEqual([]);
    expect(sources('Why does Mayor Osei say the ferry was late?')).toEqual([]);
    expect(sources('How many ferries does Portside Shipping run?')).toEqual([]);
  });

  it('finds the source anywhere in the article, the other names near the sentence', () => {
    const names = keyNamesOf('Why does Portside Weekly say the Harlow mill closed?', reader);
    const sentence = new Set(tokenize('The Harlow mill closed because orders fell.'));
    const article = new Set([...sentence, ...tokenize('Portside Weekly')]);
    expect(keyNamesFound(names, sentence, new Set(), article)).toBe(true);
    expect(keyNamesFound(names, sentence, new Set(), sentence)).toBe(false);
    expect(keyNamesFound(names, new Set(tokenize('Portside Weekly')), new Set(), article)).toBe(false);
  });
});

describe('listInitialsOf', () => {
  it('reads the initials of a list of capitalised words, commas and "or" between them', () => {
    expect(listInitialsOf("Don't shop when you're Tired, Hungry, Angry or Bored.").has('thab')).toBe(true);
    expect(listInitialsOf('She moved from Leeds to York.').has('ly')).toBe(false);
  });
});
