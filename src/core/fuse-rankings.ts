/**
 * @module core/fuse-rankings
 * Reciprocal rank fusion: several ranked lists (BM25, vector similarity) become one, each item scoring
 * the sum of 1 / (k + rank) over the lists that hold it. Ranks only, so the lists' scores never need
 * to be comparable.
 */

/** The usual constant from Cormack et al. (2009): large enough that one list's top item cannot dominate. */
export const RRF_K = 60;

export interface Fused<T> {
  item: T;
  score: number;
}

/**
 * Items with the same key are one item; the first list that holds it supplies the object. Ties keep
 * the order of first appearance.
 */
export function fuseRankings<T>(
  lists: readonly (readonly T[])[],
  keyOf: (item: T) => string | number,
  k = RRF_K,
): Fused<T>[] {
  const fused = new Map<string | number, Fused<T> & { order: number }>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      const key = keyOf(item);
      const entry = fused.get(key);
      if (entry) entry.score += 1 / (k + rank + 1);
      else fused.set(key, { item, score: 1 / (k + rank + 1), order: fused.size });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score }) => ({ item, score }));
}
