import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abstentionScores, firstHitRank, percentile, retrievalScores, round, share } from './metrics.js';

describe('firstHitRank', () => {
  it('gives the 1-based rank of the first relevant page', () => {
    expect(firstHitRank(['a', 'b', 'c'], new Set(['c', 'b']))).toBe(2);
  });

  it('is null when no relevant page was retrieved', () => {
    expect(firstHitRank(['a', 'b'], new Set(['z']))).toBeNull();
    expect(firstHitRank([], new Set(['a']))).toBeNull();
  });
});

describe('retrievalScores', () => {
  it('counts a hit at k only when the first relevant page is within the top k', () => {
    const scores = retrievalScores([1, 3, 5, 10, 11, null]);
    expect(scores['hit@1']).toBeCloseTo(1 / 6);
    expect(scores['hit@3']).toBeCloseTo(2 / 6);
    expect(scores['hit@5']).toBeCloseTo(3 / 6);
    expect(scores['hit@10']).toBeCloseTo(4 / 6);
  });

  it('averages reciprocal ranks within the top 10 and counts the rest as zero', () => {
    expect(retrievalScores([1, 2, 11, null])['mrr@10']).toBeCloseTo((1 + 0.5) / 4);
  });

  it('reports nothing rather than zero for an empty question set', () => {
    expect(retrievalScores([])).toEqual({
      'hit@1': null,
      'hit@3': null,
      'hit@5': null,
      'hit@10': null,
      'mrr@10': null,
    });
  });

  it('keeps hit@k non-decreasing in k and MRR between hit@1 and hit@10', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }), { minLength: 1 }),
        (ranks) => {
          const s = retrievalScores(ranks);
          const [h1, h3, h5, h10, mrr] = [
            s['hit@1'],
            s['hit@3'],
            s['hit@5'],
            s['hit@10'],
            s['mrr@10'],
          ] as number[];
          expect(h1).toBeLessThanOrEqual(h3 as number);
          expect(h3).toBeLessThanOrEqual(h5 as number);
          expect(h5).toBeLessThanOrEqual(h10 as number);
          expect(mrr).toBeGreaterThanOrEqual((h1 as number) - 1e-12);
          expect(mrr).toBeLessThanOrEqual((h10 as number) + 1e-12);
        },
      ),
    );
  });
});

describe('abstentionScores', () => {
  const outcome = (cleanAbstention: boolean, cleanAnswerable: boolean, abstained: boolean) => ({
    cleanAbstention,
    cleanAnswerable,
    abstained,
  });

  it('measures recall over the clean abstention questions', () => {
    const s = abstentionScores([
      outcome(true, false, true),
      outcome(true, false, false),
      outcome(false, true, false),
    ]);
    expect(s.recall).toBe(0.5);
  });

  it('measures precision over abstentions on both clean subsets only', () => {
    const s = abstentionScores([
      outcome(true, false, true),
      outcome(false, true, true),
      outcome(false, true, true),
      // A doubtful question: its abstention counts in neither direction.
      outcome(false, false, true),
    ]);
    expect(s.precision).toBeCloseTo(1 / 3);
  });

  it('leaves precision undefined when the bot never abstains', () => {
    expect(abstentionScores([outcome(true, false, false)]).precision).toBeNull();
  });
});

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 95)).toBeCloseTo(4.8);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is null without samples', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('share and round', () => {
  it('refuses to divide by nothing', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(1, 4)).toBe(0.25);
  });

  it('rounds and keeps null', () => {
    expect(round(0.123456)).toBe(0.1235);
    expect(round(null)).toBeNull();
  });
});
