/**
 * @module adapters/slack/split-text.test
 * Cutting mrkdwn to Slack field limits at natural breaks, never through an entity or link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from './mrkdwn.js';
import { splitText } from './split-text.js';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('  One sentence.  ', 100)).toEqual(['One sentence.']);
  });

  it('cuts at sentence ends when it can', () => {
    const text = `${'a'.repeat(40)}. ${'b'.repeat(40)}. ${'c'.repeat(40)}.`;
    expect(splitText(text, 90)).toEqual([`${'a'.repeat(40)}. ${'b'.repeat(40)}.`, `${'c'.repeat(40)}.`]);
  });

  it('never cuts through an entity or a link', () => {
    const text = `${'x'.repeat(95)} &amp; <https://e.com|title here> ${'y'.repeat(50)}`;
    for (const chunk of splitText(text, 100)) {
      expect(chunk).not.toMatch(/&[a-z]*$|^[a-z]*;|<[^>]*$|^[^<]*>/);
    }
  });

  it('yields pieces within the limit that together hold all the text', () => {
    const word = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('&', '<', '>', '.', '\n', '\n\n', ' ', '🙂'),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 200 }), fc.integer({ min: 16, max: 120 }), (words, max) => {
        const text = escapeMrkdwn(words.join(' '));
        const chunks = splitText(text, max);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(max);
        expect(squash(chunks.join(''))).toBe(squash(text));
      }),
    );
  });
});
