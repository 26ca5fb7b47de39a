import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatch, locateQuote } from './locate-quote.js';

const PASSAGE =
  'Amazon Web Services (AWS) and OpenAI have announced a multi-year partnership.  Valued at $38 billion,\n' +
  'the agreement grants OpenAI access to “hundreds of thousands” of NVIDIA GPUs — scalable to millions of CPUs.';

describe('locateQuote', () => {
  it('returns the passage’s own words when the model changed whitespace, quote marks, dashes and case', () => {
    const found = locateQuote(
      PASSAGE,
      'the agreement grants openai access to "hundreds of thousands" of NVIDIA GPUs - scalable',
    );
    expect(found).toBe(
      'the agreement grants OpenAI access to “hundreds of thousands” of NVIDIA GPUs — scalable',
    );
    expect(PASSAGE).toContain(found);
  });

  it('matches across a line break and a double space', () => {
    expect(locateQuote(PASSAGE, 'partnership. Valued at $38 billion, the agreement')).toBe(
      'partnership.  Valued at $38 billion,\nthe agreement',
    );
  });

  it('finds a quote across soft hyphens and zero-width characters, and returns them verbatim', () => {
    const passage = 'Funds will in\u00ADvest $2 bil\u200Blion in new\uFEFF data cen\u2060tres next year.';
    expect(locateQuote(passage, 'will invest $2 billion in new data centres')).toBe(
      'will in\u00ADvest $2 bil\u200Blion in new\uFEFF data cen\u2060tres',
    );
    expect(locateQuote(passage, 'Funds will in\u00ADvest $2 billion')).toBe(
      'Funds will in\u00ADvest $2 bil\u200Blion',
    );
  });

  it('returns null for words that are not in the passage', () => {
    expect(locateQuote(PASSAGE, 'Valued at $40 billion, the agreement')).toBeNull();
    expect(locateQuote(PASSAGE, 'Microsoft signed a deal with Google')).toBeNull();
  });

  it('refuses quotes too short to prove anything', () => {
    expect(locateQuote(PASSAGE, 'AWS')).toBeNull();
    expect(locateQuote(PASSAGE, '...')).toBeNull();
  });

  it('matches an elided quote fragment by fragment, in order, and spans the passage between them', () => {
    expect(locateQuote(PASSAGE, 'Amazon Web Services ... announced a multi-year partnership')).toBe(
      'Amazon Web Services (AWS) and OpenAI have announced a multi-year partnership',
    );
    expect(locateQuote(PASSAGE, 'announced a multi-year partnership … Amazon Web Services')).toBeNull();
  });

  it('widens a quote cut mid-word to whole words', () => {
    expect(locateQuote(PASSAGE, 'nounced a multi-year partner')).toBe('announced a multi-year partnership');
  });
});

describe('foldForMatch', () => {
  it('maps every folded character back to its place in the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const folded = foldForMatch(text);
        expect(folded.origin).toHaveLength(folded.text.length);
        for (let i = 1; i < folded.origin.length; i++) {
          expect(folded.origin[i]).toBeGreaterThanOrEqual(folded.origin[i - 1] as number);
        }
      }),
    );
  });
});

describe('locateQuote (properties)', () => {
  const words = fc.constantFrom(
    'deal',
    'AWS',
    '$38',
    'billion',
    '“GPUs”',
    'chips',
    'said',
    'it’s',
    '—',
    '2026.',
  );
  const text = fc.array(words, { minLength: 4, maxLength: 40 }).map((w) => w.join(' '));

  it('finds any run of whole words of the passage, however its spaces and quotes are rewritten', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (passage, a, b) => {
        const tokens = passage.split(' ');
        const start = a % tokens.length;
        const end = Math.min(tokens.length, start + 3 + (b % 6));
        const quote = tokens.slice(start, end).join('\n  ').replace(/[“”]/g, '"').replace(/’/g, "'");
        const found = locateQuote(passage, quote);
        if (quote.replace(/\s+/g, ' ').replace(/^["']+|["']+$/g, '').length < 10) return;
        expect(found).not.toBeNull();
        expect(passage).toContain(found as string);
        expect(found?.replace(/\s+/g, ' ').toLowerCase()).toContain(
          tokens
            .slice(start, end)
            .join(' ')
            .toLowerCase()
            .replace(/^[“”"]+|[“”"]+$/g, ''),
        );
      }),
    );
  });

  it('never returns anything but a substring of the passage', () => {
    fc.assert(
      fc.property(text, fc.string({ maxLength: 60 }), (passage, quote) => {
        const found = locateQuote(passage, quote);
        if (found !== null) expect(passage).toContain(found);
      }),
    );
  });
});
