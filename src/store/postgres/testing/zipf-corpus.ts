/**
 * @module store/postgres/testing/zipf-corpus
 * The pieces of the made-up corpora the ranking tests build: a seeded random stream, pronounceable
 * made-up words by rank, and a sampler whose word frequencies follow a Zipf law. The same seed gives the
 * same corpus on every run.
 */

/** mulberry32: a small seeded stream of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` words made of `syllables` after `prefix`, one per rank, none of them a stopword. */
export function madeUpWords(count: number, prefix: string, syllables: readonly string[]): string[] {
  const word = (rank: number) => {
    let text = prefix;
    for (let n = rank + syllables.length; n > 0; n = Math.floor(n / syllables.length))
      text += syllables[n % syllables.length];
    return text;
  };
  return Array.from({ length: count }, (_, rank) => word(rank));
}

/**
 * Draws words from `next` with Zipf frequencies: the word of rank r (from 0) is drawn in proportion to
 * 1 / (r + 1)^exponent, so the first words are in most passages and the last in a handful.
 */
export function zipfSampler(words: readonly string[], exponent: number, next: () => number): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < words.length; r++) {
    total += 1 / (r + 1) ** exponent;
    cumulative.push(total);
  }
  return () => {
    const x = next() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
}
