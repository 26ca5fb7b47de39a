/**
 * @module core/reader/other-side
 * "Sources disagree.": where the answer gives a figure and another source declines to give it or gives
 * a different one for the same thing, both sides are shown. Only between different articles that are
 * not copies of one story: one article giving two figures (a total and its part), or a syndicated
 * report and its update, is not a disagreement of sources.
 */
import { jaccard } from '../retrieve-passages.js';
import { declinesToState, moneyAmounts } from '../text/facts.js';
import type { AnswerTuning } from '../tuning.js';
import type { Candidate } from './candidates.js';
import { aboutOtherNames, copiesOfOneArticle } from './same-fact.js';

/**
 * Where a chosen sentence gives a figure and another relevant sentence declines to give it or gives a
 * different one, both sides are shown. Returns whether that happened.
 */
export function addOtherSide(groups: Candidate[][], candidates: Candidate[], tuning: AnswerTuning): boolean {
  // The other side often sits in a sentence that does not repeat the question's words ("financial
  // details were not disclosed"), so relevance is judged on the passage around it.
  const chosen = groups.map((g) => g[0]).filter((c): c is Candidate => c !== undefined);
  const lead = chosen[0];
  // Another article, not a copy of the lead's story: one article's two figures (a total and its
  // part) are no disagreement of sources.
  const relevant = candidates.filter(
    (c) =>
      Math.max(c.coverage, c.passageCoverage) >= tuning.minOtherSideCoverage &&
      lead !== undefined &&
      !copiesOfOneArticle(lead, c, candidates, tuning),
  );
  // Two chosen sentences already give different figures for the same thing ($2 billion, $2.4 billion).
  const differ = (a: Candidate, b: Candidate) =>
    otherFigureForSameThing(a, b, tuning) && !copiesOfOneArticle(a, b, candidates, tuning);
  if (chosen.some((a, i) => chosen.slice(i + 1).some((b) => differ(a, b)))) return true;
  const figures = new Set(chosen.flatMap((c) => moneyAmounts(c.quote)).filter((x) => x >= 1e6));
  const declines = chosen.some((c) => declinesToState(c.quote));
  let other: Candidate | undefined;
  if (figures.size > 0 && !declines) other = relevant.find((c) => declinesToState(c.quote));
  if (!other && declines) other = relevant.find((c) => moneyAmounts(c.quote).some((x) => x >= 1e6));
  if (!other && lead && figures.size > 0) {
    other = relevant.find(
      (c) =>
        c.coverage >= tuning.minOtherSideCoverage &&
        otherFigureForSameThing(lead, c, tuning) &&
        largeAmounts(c).every((x) => !figures.has(x)),
    );
  }
  if (!other) return false;
  if (groups.length >= tuning.maxSentences + 1) groups.pop();
  groups.push([other]);
  return true;
}

const largeAmounts = (c: Candidate) => moneyAmounts(c.quote).filter((x) => x >= 1e6);

/**
 * `b` gives a different large figure than `a` for the same thing: the same subject (term overlap) and
 * no other names ($10 billion for data centres in India is not another figure for Anthropic).
 */
function otherFigureForSameThing(a: Candidate, b: Candidate, tuning: AnswerTuning): boolean {
  const ours = largeAmounts(a);
  const theirs = largeAmounts(b);
  return (
    a.article.id !== b.article.id &&
    ours.length > 0 &&
    theirs.length > 0 &&
    ours.every((x) => !theirs.includes(x)) &&
    jaccard(a.terms, b.terms) >= tuning.otherFigureJaccard &&
    !aboutOtherNames(a.quote, b.quote)
  );
}
