import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

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
