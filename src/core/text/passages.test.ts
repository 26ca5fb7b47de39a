import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPassages } from './passages.js';
import { splitSentences } from './sentences.js';

const sentenceArb = fc
  .array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'GB200', '$38', 'U.S.', 'Mr.', 'it'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((words) => `${words.join(' ')}.`);
const articleArb = fc
  .array(
    fc.array(sentenceArb, { minLength: 1, maxLength: 8 }).map((s) => s.join(' ')),
    { minLength: 1, maxLength: 8 },
  )
  .map((paragraphs) => paragraphs.join('\n\n'));

describe('chunkPassages', () => {
  it('puts every sentence in exactly one passage, in order', () => {
    fc.assert(
      fc.property(articleArb, fc.integer({ min: 50, max: 1000 }), (text, target) => {
        const passages = chunkPassages(text, { targetChars: target });
        const fromPassages = passages.flatMap((p) => p.sentences);
        const paragraphs = text.split('\n\n');
        let offset = 0;
        const expected = paragraphs.flatMap((p) => {
          const spans = splitSentences(text, offset, offset + p.length);
          offset += p.length + 2;
          return spans;
        });
        expect(fromPassages).toEqual(expected);
        passages.forEach((p, i) => {
          expect(p.ordinal).toBe(i);
          expect(p.start).toBe(p.sentences[0]?.start);
          expect(p.end).toBe(p.sentences[p.sentences.length - 1]?.end);
        });
      }),
    );
  });

  it('packs whole paragraphs together only while they fit in the target', () => {
    fc.assert(
      fc.property(articleArb, fc.integer({ min: 50, max: 1000 }), (text, target) => {
        for (const p of chunkPassages(text, { targetChars: target, headingChars: 0 })) {
          const body = text.slice(p.start, p.end);
          if (body.includes('\n\n')) expect(body.length).toBeLessThanOrEqual(target);
        }
      }),
    );
  });

  it('starts a new passage at a paragraph that does not fit', () => {
    const para = (word: string) =>
      Array.from({ length: 5 }, () => `The ${word} story goes on here.`).join(' ');
    const text = [para('first'), para('second'), para('third')].join('\n\n');
    const passages = chunkPassages(text, { targetChars: 310 });
    expect(passages.map((p) => text.slice(p.start, p.end))).toEqual([
      `${para('first')}\n\n${para('second')}`,
      para('third'),
    ]);
  });

  it('keeps passages near the target length unless one sentence is longer', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about the deal.`).join(' ');
    const passages = chunkPassages(text, { targetChars: 200 });
    expect(passages.length).toBeGreaterThan(5);
    for (const p of passages) expect(p.end - p.start).toBeLessThanOrEqual(200);
  });

  it('joins a short heading to the paragraph after it', () => {
    const text = 'The Cloud Wars Intensify\nThis deal reshapes the market. It matters.';
    const [first] = chunkPassages(text);
    expect(text.slice(first?.start ?? 0, first?.end ?? 0)).toBe(text);
  });
});
