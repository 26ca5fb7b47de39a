/**
 * The names a question turns on, and where they count as found: in the article's retrieved text, its
 * title or outlet, or (for a name in capitals) as the initials of a name there.
 */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { initialsOf, keyNamesFound, keyNamesOf } from './key-names.js';

describe('keyNamesOf', () => {
  it('takes capitalised names with their version numbers, not an adverb opening the question', () => {
    expect(keyNamesOf('Roughly how many tasks does Dropbox run?')).toEqual([tokenize('Dropbox')]);
    expect(keyNamesOf('What date is Firefox 86 being released?')).toEqual([['firefox', '86']]);
    expect(keyNamesOf('Who runs the bakery?')).toEqual([]);
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
