/**
 * @module core/digest/term-vector
 * Sparse TF-IDF vectors of article leads and sentences, and cosine similarity between them: the
 * measure by which articles about the same event are grouped into one story.
 */
import { tokenize } from '../text/tokenize.js';

export type TermVector = Map<string, number>;

/** IDF lookup; terms the corpus has never seen get the highest weight. */
export type Idf = (term: string) => number;

export function termVector(text: string, idf: Idf, extra?: { text: string; weight: number }): TermVector {
  return vectorOfTerms(
    tokenize(text),
    idf,
    extra ? { terms: tokenize(extra.text), weight: extra.weight } : undefined,
  );
}

/** The same from terms already tokenised. */
export function vectorOfTerms(
  terms: string[],
  idf: Idf,
  extra?: { terms: string[]; weight: number },
): TermVector {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  if (extra) {
    for (const term of extra.terms) counts.set(term, (counts.get(term) ?? 0) + extra.weight);
  }
  const vector: TermVector = new Map();
  for (const [term, count] of counts) vector.set(term, (1 + Math.log(count)) * idf(term));
  return normalise(vector);
}

export function normalise(vector: TermVector): TermVector {
  let norm = 0;
  for (const w of vector.values()) norm += w * w;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  for (const [term, w] of vector) vector.set(term, w / norm);
  return vector;
}

/** Cosine of two normalised vectors. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}

/** Adds `v` into the running sum `into` (for centroids). */
export function addInto(into: TermVector, v: TermVector): void {
  for (const [term, w] of v) into.set(term, (into.get(term) ?? 0) + w);
}
