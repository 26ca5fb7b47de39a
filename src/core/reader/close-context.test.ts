/**
 * The close context a sentence is read with: its paragraph up to it (not what follows), and the names
 * and initials found there.
 */
import { describe, expect, it } from 'vitest';
import { closeContextOf, paragraphUpTo } from './close-context.js';

describe('paragraphUpTo', () => {
  const text = [
    'The county survey covered every town.',
    'Marlow has the dearest homes. The average rent there was £1,400. Rents in Tilby are lower.',
  ].join('\n');
  const sentence = 'The average rent there was £1,400.';
  const start = text.indexOf(sentence);

  it('reads the paragraph from its start to the end of the sentence, not the paragraph before or what follows', () => {
    expect(paragraphUpTo(text, start, start + sentence.length)).toBe(
      'Marlow has the dearest homes. The average rent there was £1,400.',
    );
  });

  it('starts at the text when the sentence is in the first paragraph', () => {
    expect(paragraphUpTo(text, 4, 10)).toBe('The county');
  });
});

describe('closeContextOf', () => {
  it('holds the terms and initials of every text given', () => {
    const close = closeContextOf(['Mina Osei opened it.', 'It joined the Portmere Bakers Guild.']);
    expect(close.terms.has('osei')).toBe(true);
    expect(close.terms.has('portmer')).toBe(true);
    expect(close.initials.has('pbg')).toBe(true);
  });
});
