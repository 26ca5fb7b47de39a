/**
 * @module core/compose-answer
 * The offline, extractive answer: one to four quotes, verbatim (a sentence, two adjacent ones, or a
 * sentence cut at clause boundaries), chosen for the kind of question, each with numbered citations.
 * The parts live in `reader/`: candidate sentences (`candidates.ts`), the evidence gate
 * (`evidence-gate.ts`), same-fact grouping (`same-fact.ts`), the other side of a figure
 * (`other-side.ts`), another source's different answer (`other-answer.ts`) and rendering
 * (`render-answer.ts`). Too little support means an explicit
 * abstention, never a guess.
 */
import type { Answer } from './answer.js';
import type { Query } from './query.js';
import { askedHeadOf, asksWhy, kindOfQuestion } from './reader/answer-kind.js';
import { REGEX_READER, type SentenceReader } from './reader/answer-spans.js';
import { type Candidate, candidateSentences } from './reader/candidates.js';
import { type Asked, evidenceQuote, isFresh } from './reader/evidence-gate.js';
import { citedSourceOf, keyNamesOf } from './reader/key-names.js';
import { answersOtherwise, otherAnswer } from './reader/other-answer.js';
import { addOtherSide } from './reader/other-side.js';
import { namesAskedEvent } from './reader/reason-link.js';
import { abstain, render } from './reader/render-answer.js';
import { sameFact } from './reader/same-fact.js';
import type { RankedPassage, TermWeights } from './retrieve-passages.js';
import { figureType, statesKind } from './text/facts.js';
import { type AnswerTuning, DEFAULT_ANSWER } from './tuning.js';

export { type Candidate, candidateSentences } from './reader/candidates.js';
export { trimToClauses } from './reader/trim-quote.js';
export { type AnswerTuning, DEFAULT_ANSWER } from './tuning.js';

/**
 * @param counterpoints passages retrieved for the other side of a figure ("terms were not
 *   disclosed"); their sentences can only be used to show a disagreement.
 * @param reader finds answers of a kind in a sentence (compromise, `loadSentenceReader`); the regex
 *   reader by default.
 */
export function composeExtractiveAnswer(
  query: Query,
  ranked: RankedPassage[],
  weights: TermWeights,
  tuning: AnswerTuning = DEFAULT_ANSWER,
  counterpoints: RankedPassage[] = [],
  reader: SentenceReader = REGEX_READER,
): Answer {
  const names = keyNamesOf(query.text, reader);
  const cited = citedSourceOf(query.text, names);
  const candidates = candidateSentences(query, ranked, weights, tuning, cited);
  const focus = reader.focusOf(query.text);
  const head = askedHeadOf(query.text, reader.tagged(query.text));
  const asked: Asked = {
    ...(focus ? { focus } : {}),
    ...(head ? { head } : {}),
    ...(weights.absent ? { absent: weights.absent } : {}),
    query,
    kind: kindOfQuestion(query.text, reader.tagged(query.text)),
    names,
    reader,
    freshNews: candidates.slice(0, tuning.gateCandidates).some((c) => isFresh(c, query, tuning)),
  };
  const best = query.terms.length === 0 ? undefined : firstEvidence(candidates, asked, tuning);
  if (!best) return abstain(query, candidates, tuning);
  const groups: Candidate[][] = [[best]];
  for (const candidate of candidates) {
    if (candidate.article.id === best.article.id && best.quote.includes(candidate.quote)) continue;
    // Worded alike with another answer of the kind asked for ("killed 2,000" / "killed 2,300") is
    // no same fact: it may be the other side.
    const same = groups.find(
      (g) =>
        g[0] &&
        sameFact(g[0], candidate, query, tuning) &&
        !answersOtherwise(g[0], candidate, candidates, asked, tuning),
    );
    if (same) {
      if (!same.some((c) => c.article.id === candidate.article.id)) same.push(candidate);
      continue;
    }
    if (groups.length >= tuning.maxSentences || candidate.score < best.score * tuning.relativeKeep) continue;
    // When the best sentence states the kind of fact asked for, the others must too.
    const fits =
      query.kind === 'general' ||
      !statesKind(best.quote, query.kind) ||
      (statesKind(candidate.quote, query.kind) &&
        (query.kind !== 'amount' || figureType(candidate.quote) === figureType(best.quote)));
    // A sentence that outscored the evidence but failed the gate (a near miss) stays out.
    const rejected = candidate.score > best.score && evidenceQuote(candidate, asked, tuning) === null;
    if (fits && !rejected && !groups.some((g) => g.some((c) => c.quote.includes(candidate.quote)))) {
      groups.push([candidate]);
    }
  }
  // Another article answering the same question differently: both sides are shown, each cited.
  const other = otherAnswer(best, candidates, asked, tuning);
  if (other) {
    const shown = groups.some((g) =>
      g.some((c) => c.article.id === other.article.id && c.quote === other.quote),
    );
    if (!shown) {
      if (groups.length >= tuning.maxSentences) groups.pop();
      groups.push([other]);
    }
  }
  const pool = [...candidates, ...candidateSentences(query, counterpoints, weights, tuning, cited)];
  const disagreement = addOtherSide(groups, pool, tuning) || other !== null;
  return render(query, groups, disagreement);
}

/** The first of the best-scored sentences that answers the question, with the quote that shows it. */
function firstEvidence(candidates: Candidate[], asked: Asked, tuning: AnswerTuning): Candidate | undefined {
  for (const candidate of candidates.slice(0, tuning.gateCandidates)) {
    const quote = evidenceQuote(candidate, asked, tuning);
    if (quote !== null) return { ...candidate, quote };
  }
  // "Why should I…" is answered by an explanation without a connective ("Avoid canned drinks, which
  // guests open but don't finish"), when it names what is asked about; "what caused…", "what did X
  // die of" only by a cause stated as one.
  if (asked.kind === 'reason' && asksWhy(asked.query.text)) {
    const explained = candidates.filter((c) => namesAskedEvent(c.quote, asked.query.text));
    return firstEvidence(explained, { ...asked, kind: 'description' }, tuning);
  }
  return undefined;
}
