import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

const texts = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits on full stops, question and exclamation marks', () => {
    expect(texts('One thing. Another thing! A third? Yes.')).toEqual([
      'One thing.',
      'Another thing!',
      'A third?',
      'Yes.',
    ]);
  });

  it('does not split at abbreviations, initials, decimals or U.S.', () => {
    expect(texts('Mr. Smith paid $1.5 billion for U.S. Steel in Jan. 2024. Then he left.')).toEqual([
      'Mr. Smith paid $1.5 billion for U.S. Steel in Jan. 2024.',
      'Then he left.',
    ]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(texts('He said, “It works.” Then he left.')).toEqual(['He said, “It works.”', 'Then he left.']);
  });

  it('treats line breaks as sentence ends (headings, list items)', () => {
    expect(texts('A Heading\n- item one\nBody text here.')).toEqual([
      'A Heading',
      '- item one',
      'Body text here.',
    ]);
  });

  it('returns ordered, non-overlapping, trimmed spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        let last = 0;
        for (const span of splitSentences(text)) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          const sentence = text.slice(span.start, span.end);
          expect(sentence).toBe(sentence.trim());
          last = span.end;
        }
      }),
    );
  });
});
