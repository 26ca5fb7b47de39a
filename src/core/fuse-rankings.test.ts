import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseRankings } from './fuse-rankings.js';

const id = (x: string) => x;

describe('fuseRankings', () => {
  it('ranks first what both lists rank high, above what only one list ranks first', () => {
    const fused = fuseRankings(
      [
        ['a', 'b', 'c'],
        ['d', 'b', 'a'],
      ],
      id,
    ).map((f) => f.item);
    expect(fused.slice(0, 2)).toEqual(['a', 'b']);
    expect(fused).toHaveLength(4);
  });

  it('scores an item 1/(k + rank) per list that holds it', () => {
    const [top] = fuseRankings([['x'], ['y', 'x']], id, 10);
    expect(top?.item).toBe('x');
    expect(top?.score).toBeCloseTo(1 / 11 + 1 / 12);
  });

  it('keeps the object from the first list that holds the key', () => {
    const fused = fuseRankings([[{ id: 1, from: 'bm25' }], [{ id: 1, from: 'vector' }]], (x) => x.id);
    expect(fused).toEqual([{ item: { id: 1, from: 'bm25' }, score: 2 / 61 }]);
  });

  it('holds every distinct key once, best score first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 15 }), { maxLength: 4 }),
        (lists) => {
          const unique = lists.map((l) => [...new Set(l)]);
          const fused = fuseRankings(unique, (x) => x);
          expect(fused.map((f) => f.item).sort()).toEqual([...new Set(unique.flat())].sort());
          for (let i = 1; i < fused.length; i++) {
            expect(fused[i - 1]?.score).toBeGreaterThanOrEqual(fused[i]?.score as number);
          }
        },
      ),
    );
  });
});
