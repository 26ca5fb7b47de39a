/**
 * Splitting text and packing embeds so that nothing the bot sends exceeds Discord's limits, with the
 * text and the order kept (property tests).
 */
import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLength, packEmbeds, splitText, truncate } from './discord-limits.js';

const words = fc
  .array(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom('.', '. ', '\n\n', ' ', 'x'.repeat(150)),
    ),
    { maxLength: 400 },
  )
  .map((parts) => parts.join(' '));

describe('splitText', () => {
  it('cuts text into pieces within the limit that keep every character but whitespace, in order', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 20, max: 300 }), (text, max) => {
        const pieces = splitText(text, max);
        expect(pieces.every((p) => p.length <= max)).toBe(true);
        expect(pieces.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });

  it('prefers sentence ends to mid-sentence cuts', () => {
    const text = `${'a'.repeat(60)}. ${'b'.repeat(30)} ${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual([`${'a'.repeat(60)}.`, `${'b'.repeat(30)} ${'c'.repeat(30)}`]);
  });
});

describe('truncate', () => {
  it('keeps short text and marks cut text with an ellipsis within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a longer sentence', 10)).toBe('a longer…');
    expect(truncate('a longer sentence', 10).length).toBeLessThanOrEqual(10);
  });
});

const embed: fc.Arbitrary<APIEmbed> = fc.record({
  description: fc.string({ maxLength: 4096 }).map((s) => s || 'x'),
  fields: fc.array(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 256 }),
      value: fc.string({ minLength: 1, maxLength: 1024 }),
    }),
    { maxLength: 4 },
  ),
});

describe('packEmbeds', () => {
  it('groups embeds, in order, into messages of at most 10 embeds and 6,000 characters', () => {
    fc.assert(
      fc.property(
        fc.array(
          embed.filter((e) => embedLength(e) <= 6000),
          { maxLength: 30 },
        ),
        (embeds) => {
          const groups = packEmbeds(embeds);
          expect(groups.flat()).toEqual(embeds);
          for (const group of groups) {
            expect(group.length).toBeGreaterThan(0);
            expect(group.length).toBeLessThanOrEqual(10);
            expect(group.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(6000);
          }
        },
      ),
    );
  });

  it('counts titles, descriptions, fields and footers toward the 6,000', () => {
    expect(
      embedLength({
        title: 'ab',
        description: 'cde',
        footer: { text: 'f' },
        fields: [{ name: 'g', value: 'hi' }],
      }),
    ).toBe(9);
  });
});
