/**
 * @module core/text/same-story
 * Two articles that are copies of one story (a syndicated report carried by two outlets, or an update
 * of the same report) are one source: a sentence that differs between them is an update, not two
 * sources disagreeing. They are copies when their text beside the sentences compared is nearly the
 * same (word-trigram Jaccard, as retrieval folds copies of a passage); with no other text to compare,
 * they are not known to be copies.
 */
import { jaccard, shinglesOf } from '../retrieve-passages.js';
import { createParseMemo } from './parse-memo.js';

/**
 * Texts whose trigrams are kept. The reader compares one article's rest with each other article's
 * (`reader/same-fact.ts`): the same rest comes back for every pair of one answer, and each rest is at
 * most the article's retrieved sentences (a few kB, a few hundred trigrams), so 128 hold a few MB.
 */
export const SHINGLES_MEMO_CAPACITY = 128;
const shingles = createParseMemo(shinglesOf, SHINGLES_MEMO_CAPACITY);

/**
 * `restA` and `restB`: each article's text with the compared sentences taken out. Copies when both
 * hold some text and their trigrams overlap by at least `minJaccard`.
 */
export function copiesOfOneStory(restA: string, restB: string, minJaccard: number): boolean {
  const a = shingles.parse(restA);
  const b = shingles.parse(restB);
  return a.size > 0 && b.size > 0 && jaccard(a, b) >= minJaccard;
}

/** `text` without each of `quotes` (where it holds them). */
export function without(text: string, quotes: readonly string[]): string {
  return quotes.reduce((rest, q) => (q ? rest.split(q).join(' ') : rest), text);
}
