import { describe, expect, it } from 'vitest';
import { ChunkTable, FNV_OFFSET, mixHash } from './chunk-table.js';

const hashOf = (text: string, start = 0, end = text.length) => {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = mixHash(hash, text.charCodeAt(i));
  return hash;
};

describe('ChunkTable', () => {
  it('finds a stored key by a span of another string, without slicing it', () => {
    const table = new ChunkTable<number>(100);
    table.set('budget', hashOf('budget'), 1);
    const text = 'the budget vote';
    expect(table.get(text, 4, 10, hashOf(text, 4, 10))).toBe(1);
    expect(table.get(text, 0, 3, hashOf(text, 0, 3))).toBeUndefined();
  });

  it('tells keys apart when their hashes collide', () => {
    const table = new ChunkTable<string>(100, 2);
    // Same hash given on purpose: only the code units can separate them.
    table.set('ab', 7, 'first');
    table.set('ba', 7, 'second');
    table.set('cd', 7, 'third');
    expect(table.get('ba', 0, 2, 7)).toBe('second');
    expect(table.get('cd', 0, 2, 7)).toBe('third');
    expect(table.get('ab', 0, 2, 7)).toBe('first');
    expect(table.get('ac', 0, 2, 7)).toBeUndefined();
  });

  it('grows past its first slots and keeps every entry', () => {
    const table = new ChunkTable<number>(10_000, 2);
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
    for (const [i, w] of words.entries()) table.set(w, hashOf(w), i);
    expect(table.size).toBe(1000);
    for (const [i, w] of words.entries()) expect(table.get(w, 0, w.length, hashOf(w))).toBe(i);
  });

  it('starts over empty once it holds `limit` entries', () => {
    const table = new ChunkTable<number>(3);
    for (const w of ['a', 'b', 'c']) table.set(w, hashOf(w), 1);
    table.set('d', hashOf('d'), 4);
    expect(table.size).toBe(1);
    expect(table.get('a', 0, 1, hashOf('a'))).toBeUndefined();
    expect(table.get('d', 0, 1, hashOf('d'))).toBe(4);
  });
});
