import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_CHARS, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('keeps amounts, percentages, model names and acronyms searchable', () => {
    expect(tokenize('OpenAI’s $38 billion deal')).toEqual(['openai', '38', 'billion', 'deal']);
    expect(tokenize('shares rose 5%')).toEqual(['share', 'rose', '5', 'pct']);
    expect(tokenize('GB200 and GB300 on EC2')).toEqual(['gb200', 'gb300', 'ec2']);
    expect(tokenize('U.S. stocks')).toEqual(['usa', 'stock']);
    expect(tokenize('the US economy')).toEqual(['usa', 'economi']);
  });

  it('drops stopwords and stems words so that inflections match', () => {
    expect(tokenize('What are the deployments?')).toEqual(['deploy']);
    expect(tokenize('deployed')).toEqual(tokenize('deploying'));
  });

  it('normalises magnitudes, decimals and thousands separators', () => {
    expect(tokenize('$1.5bn')).toEqual(['1p5', 'billion']);
    expect(tokenize('38,000 people')).toEqual(['38000', 'peopl']);
    expect(tokenize('5 percent')).toEqual(['5', 'pct']);
  });

  it('splits hyphenated words and also keeps them joined', () => {
    expect(tokenize('multi-year')).toEqual(['multi', 'year', 'multiyear']);
  });

  it('folds diacritics and case', () => {
    expect(tokenize('Café MÜNCHEN')).toEqual(tokenize('cafe munchen'));
  });

  it('only ever produces non-empty alphanumeric terms, deterministically', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const terms = tokenize(text);
        for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
        expect(tokenize(text)).toEqual(terms);
      }),
    );
  });
});

describe('tokenize on hostile text', () => {
  it('reads a run longer than MAX_CHUNK_CHARS as several chunks, so no term is longer', () => {
    const word = 'ab'.repeat(10_000);
    const terms = tokenize(`A ${word} and a ${'x'.repeat(1_000_000)} here`);
    expect(terms.length).toBeGreaterThan(2);
    expect(Math.max(...terms.map((t) => t.length))).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
  });

  it('never yields a term longer than MAX_CHUNK_CHARS', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'é', '-', '.', '&', '%', '1'), maxLength: 600 }),
        (text) => tokenize(text).every((t) => t.length <= MAX_CHUNK_CHARS),
      ),
    );
  });
});
