import { describe, expect, it } from 'vitest';
import { createParseMemo, loadNlpParses } from './parse-memo.js';

function counting(capacity: number) {
  const parsed: string[] = [];
  const memo = createParseMemo((text: string) => {
    parsed.push(text);
    return { text };
  }, capacity);
  return { memo, parsed };
}

describe('createParseMemo', () => {
  it('parses each distinct text once while it is kept', () => {
    const { memo, parsed } = counting(10);
    const first = memo.parse('The mill closed.');
    expect(memo.parse('The mill closed.')).toBe(first);
    memo.parse('It reopened in May.');
    expect(parsed).toEqual(['The mill closed.', 'It reopened in May.']);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const { memo, parsed } = counting(2);
    memo.parse('a');
    memo.parse('b');
    memo.parse('a'); // a is now the most recent
    memo.parse('c'); // drops b
    expect(memo.size).toBe(2);
    memo.parse('a');
    memo.parse('b');
    expect(parsed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps nothing at capacity 0', () => {
    const { memo, parsed } = counting(0);
    memo.parse('a');
    memo.parse('a');
    expect(memo.size).toBe(0);
    expect(parsed).toEqual(['a', 'a']);
  });
});

describe('loadNlpParses', () => {
  it('gives the same parse of a text to every caller', async () => {
    const [one, two] = await Promise.all([loadNlpParses(), loadNlpParses()]);
    const doc = one.parse('Dave Brown runs the Harbor Mill.');
    expect(two.parse('Dave Brown runs the Harbor Mill.')).toBe(doc);
    expect(doc.people().out('array')).toEqual(['Dave Brown']);
  });
});
