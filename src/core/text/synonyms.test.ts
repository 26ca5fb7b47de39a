import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { emptyIngestReport, ingestDrafts } from '../ingest-articles.js';
import { understandQuestion } from '../query.js';
import { retrievePassages, termWeights } from '../retrieve-passages.js';
import { numberVariant, variantsOf } from './synonyms.js';
import { tokenize } from './tokenize.js';

const termsMatch = (asked: string, written: string) => {
  const index = new Set(tokenize(written));
  return tokenize(asked).every((term) => variantsOf(term).some((v) => index.has(v)));
};

describe('variantsOf: plurals Porter2 leaves whole', () => {
  it('matches a short word or an acronym with its plural, both ways', () => {
    for (const [plural, singular] of [
      ['Raspberry Pis', 'Raspberry Pi'],
      ['GPUs', 'GPU'],
      ['gpus', 'GPU'],
      ['PCs', 'PC'],
      ['LLMs', 'LLM'],
      ['H100s', 'H100'],
      ['EVs', 'EV'],
    ] as const) {
      expect(termsMatch(plural, singular), `${plural} ~ ${singular}`).toBe(true);
      expect(termsMatch(singular, plural), `${singular} ~ ${plural}`).toBe(true);
    }
  });

  it('leaves words whose s is no plural alone', () => {
    for (const word of ['gas', 'bus', 'yes', 'plus', 'thus', 'las', 'los', 'des', 'news', 'ios', 'class']) {
      expect(numberVariant(word), word).toBeNull();
    }
    expect(termsMatch('Las Vegas', 'LA')).toBe(false);
  });

  it('pairs each term with at most one other number, and back (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,6}\d{0,3}s?$/), (word) => {
        const other = numberVariant(word);
        if (other === null) return;
        expect(Math.abs(other.length - word.length)).toBe(1);
        expect(numberVariant(other)).toBe(word);
      }),
    );
  });

  it('finds the passage about the singular for a question with the plural (the store as it is)', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const now = '2026-03-02T09:00:00.000Z';
    const draft = (origin: string, text: string) => ({
      origin,
      title: origin,
      source: 'The Daily',
      url: null,
      publishedAt: '2026-03-01T00:00:00.000Z',
      text,
    });
    await store.inTransaction((tx) =>
      ingestDrafts(
        tx,
        fixedClock(now),
        [
          draft(
            'pi.txt',
            'Ten million units of the Raspberry Pi have been shipped since its launch in 2012.',
          ),
          draft(
            'berry.txt',
            'A raspberry harvest of ten million punnets was shipped from the farms this summer.',
          ),
        ],
        emptyIngestReport(),
      ),
    );
    const query = understandQuestion('How many Raspberry Pis have been shipped?', new Date(now));
    const weights = await termWeights(store, query);
    const ranked = await retrievePassages(store, query, weights, 5);
    expect(ranked[0]?.article.origin).toBe('pi.txt');
    expect(weights.absent?.has('pis')).toBe(false);
  });
});

describe('variantsOf: a three-letter word and its inflections', () => {
  it('matches "try" in an article that says "tried" or "trying"', () => {
    expect(termsMatch('council try bins', 'The council tried new bins in May.')).toBe(true);
    expect(termsMatch('council try bins', 'The council is trying new bins.')).toBe(true);
    expect(termsMatch('pond dry', 'The pond was drying up by July.')).toBe(true);
  });

  it('adds nothing where the word has no other stem', () => {
    expect(variantsOf('war')).toEqual(['war']);
    expect(variantsOf('bus')).toEqual(['bus']);
  });
});
