import { describe, expect, it } from 'vitest';
import { orQueryOf } from './fts5-ranker.js';
import { type PassageDoc, pagesByBestPassage } from './passage-ranker.js';

const doc = (key: number, articleId: string): PassageDoc => ({ key, articleId, title: '', text: '' });

describe('pagesByBestPassage', () => {
  it('ranks each page at its best passage, once', () => {
    const docs = [doc(0, 'a'), doc(1, 'a'), doc(2, 'b'), doc(3, 'c')];
    expect(pagesByBestPassage([1, 3, 0, 2], docs)).toEqual(['a', 'c', 'b']);
  });
});

describe('orQueryOf', () => {
  it('quotes every distinct word so FTS5 reads no operators', () => {
    expect(orQueryOf('Who won? NOT the "Bills" AND who-else')).toBe(
      '"who" OR "won" OR "not" OR "the" OR "bills" OR "and" OR "else"',
    );
  });

  it('is empty for a question without words', () => {
    expect(orQueryOf('?!')).toBe('');
  });
});
