import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text.js';

describe('wrapText', () => {
  it('breaks at word boundaries within the width, keeping every word whole and in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z$.,“”]{1,12}$/), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 20, max: 100 }),
        (words, width) => {
          const wrapped = wrapText(words.join(' '), width);
          for (const line of wrapped.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
          expect(wrapped.split(/\s+/)).toEqual(words);
        },
      ),
    );
  });

  it('hangs a wrapped source under its title and a help entry under its description', () => {
    expect(wrapText('[1] OpenAI signs a landmark deal with Amazon Web Services', 30)).toBe(
      '[1] OpenAI signs a landmark\n    deal with Amazon Web\n    Services',
    );
    expect(wrapText('  /digest [topic]  what is new in the last 24 hours', 40)).toBe(
      '  /digest [topic]  what is new in the\n                   last 24 hours',
    );
  });

  it('leaves a word longer than the width whole, and text alone when there is no width', () => {
    const url = `https://example.com/${'a'.repeat(40)}`;
    expect(wrapText(`see ${url} now`, 30)).toBe(`see\n${url}\nnow`);
    expect(wrapText('a '.repeat(100), undefined)).toBe('a '.repeat(100));
  });
});
