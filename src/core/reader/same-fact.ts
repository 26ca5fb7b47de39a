/**
 * @module core/reader/same-fact
 * When two sentences state one fact (cited together as one sentence of the answer), and when they are
 * about different things: two sentences naming different names are not the same fact, even with the
 * same figure ($8 billion for Anthropic is not $8 billion for data centres in India); and when two
 * articles are copies of one story, whose differences are updates rather than sources disagreeing.
 */
import type { Query } from '../query.js';
import { jaccard } from '../retrieve-passages.js';
import { moneyAmounts } from '../text/facts.js';
import { copiesOfOneStory } from '../text/same-story.js';
import type { AnswerTuning } from '../tuning.js';
import type { Candidate } from './candidates.js';

export function sameFact(a: Candidate, b: Candidate, query: Query, tuning: AnswerTuning): boolean {
  const similarity = jaccard(a.terms, b.terms);
  // Worded alike but with different figures ($2 billion, $2.4 billion): two claims, maybe a disagreement.
  const large = (c: Candidate) => moneyAmounts(c.quote).filter((x) => x >= 1e6);
  const figuresA = large(a);
  const figuresB = large(b);
  if (figuresA.length > 0 && figuresB.length > 0 && figuresA.every((x) => !figuresB.includes(x)))
    return false;
  if (similarity >= tuning.sameFactJaccard) return true;
  // Asked for an amount, two sentences giving the same large figure about the same names report the
  // same fact, however differently worded. Not otherwise: a sentence giving the deal's value does not
  // back one giving its length, and $8 billion for Anthropic is not $8 billion for data centres in India.
  if (query.kind !== 'amount') return false;
  const amountsB = moneyAmounts(b.quote);
  return (
    moneyAmounts(a.quote).some((x) => x >= 1e6 && amountsB.includes(x)) && !aboutOtherNames(a.quote, b.quote)
  );
}

/** Capitalised words after a sentence's first word: the names it is about. */
function namesIn(sentence: string): Set<string> {
  const words = sentence.match(/\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? [];
  const first = /^[^\p{L}\p{N}]*(\p{L}[\p{L}\p{N}'’-]*)/u.exec(sentence)?.[1];
  return new Set(words.filter((w, i) => !(i === 0 && w === first)).map((w) => w.toLowerCase()));
}

/** Both sentences name someone or something, and not the same: they are about different things. */
export function aboutOtherNames(a: string, b: string): boolean {
  const ours = namesIn(a);
  const theirs = namesIn(b);
  if (ours.size === 0 || theirs.size === 0) return false;
  for (const name of ours) if (theirs.has(name)) return false;
  return true;
}

/**
 * The articles of `a` and `b` are copies of one story: their other sentences among `pool` (the
 * retrieved text of each) are nearly the same. One source then, however its copies differ on `a`.
 */
export function copiesOfOneArticle(
  a: Candidate,
  b: Candidate,
  pool: readonly Candidate[],
  tuning: AnswerTuning,
): boolean {
  if (a.article.id === b.article.id) return true;
  const compared = [a.quote, b.quote];
  const rest = (id: string) =>
    pool
      .filter((c) => c.article.id === id && !compared.some((q) => q.includes(c.quote) || c.quote.includes(q)))
      .map((c) => c.quote)
      .join(' ');
  return copiesOfOneStory(rest(a.article.id), rest(b.article.id), tuning.copyJaccard);
}
