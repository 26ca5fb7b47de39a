/**
 * @module core/compose-answer
 * The offline, extractive answer: one to four sentences quoted verbatim (or cut at clause boundaries)
 * from the retrieved passages, chosen for the kind of question, each with numbered citations. The same
 * fact from several outlets becomes one sentence with several citations; conflicting figures are shown
 * side by side; too little support means an explicit abstention, never a guess.
 */
import { type Answer, type AnswerSentence, joinSentences } from './answer.js';
import type { ArticleRef, Citation } from './article.js';
import { toCitation } from './article.js';
import type { Query } from './query.js';
import {
  coverageOf,
  jaccard,
  ownCoverageOf,
  proximityOf,
  type RankedPassage,
  type TermWeights,
} from './retrieve-passages.js';
import { declinesToState, figureType, moneyAmounts, statesKind } from './text/facts.js';
import { tokenize } from './text/tokenize.js';

export interface AnswerTuning {
  maxSentences: number;
  /** Passages whose sentences are considered. */
  passages: number;
  /**
   * The bot answers only when one of its `gateCandidates` best sentences is evidence (`isEvidence`).
   * A sentence from an article older than `freshDays` (or of unknown date) is evidence when it carries
   * this share of the question's weight.
   */
  minCoverage: number;
  /** The lower bar for a sentence from fresh news (published within `freshDays` of now). */
  minFreshCoverage: number;
  /** Fresh evidence also counts when its passage (title included) carries this share of the question. */
  minFreshPassageCoverage: number;
  freshDays: number;
  /** How many of the best-scored sentences may serve as the evidence that lets the bot answer. */
  gateCandidates: number;
  /** Weight of what a sentence adds to the question (names and figures the question lacks). */
  noveltyBonus: number;
  /** Further sentences must score at least this share of the best one. */
  relativeKeep: number;
  /** Content-term Jaccard above which two sentences state the same fact. */
  sameFactJaccard: number;
  /** Content-term Jaccard above which two sentences' different figures are about the same thing. */
  otherFigureJaccard: number;
  maxQuoteChars: number;
  closestSources: number;
}

export const DEFAULT_ANSWER: AnswerTuning = {
  maxSentences: 3,
  passages: 12,
  minCoverage: 0.6,
  minFreshCoverage: 0.4,
  minFreshPassageCoverage: 0.4,
  freshDays: 60,
  gateCandidates: 8,
  noveltyBonus: 0.1,
  relativeKeep: 0.8,
  sameFactJaccard: 0.45,
  otherFigureJaccard: 0.3,
  maxQuoteChars: 260,
  closestSources: 3,
};

const LIST_MARKER = /^(?:[-*•▪‣]|\d{1,2}[.)])\s+/u;

export interface Candidate {
  article: ArticleRef;
  quote: string;
  terms: Set<string>;
  coverage: number;
  /** Coverage of the question's own terms only (without thread context): decides abstention. */
  ownCoverage: number;
  /** Coverage of the passage the sentence stands in, title included. */
  passageCoverage: number;
  score: number;
}

/**
 * @param counterpoints passages retrieved for the other side of a figure ("terms were not
 *   disclosed"); their sentences can only be used to show a disagreement.
 */
export function composeExtractiveAnswer(
  query: Query,
  ranked: RankedPassage[],
  weights: TermWeights,
  tuning: AnswerTuning = DEFAULT_ANSWER,
  counterpoints: RankedPassage[] = [],
): Answer {
  const candidates = candidateSentences(query, ranked, weights, tuning);
  const best =
    query.terms.length === 0
      ? undefined
      : candidates.slice(0, tuning.gateCandidates).find((c) => isEvidence(c, query, tuning));
  if (!best) return abstain(query, candidates, tuning);
  const groups: Candidate[][] = [[best]];
  for (const candidate of candidates) {
    if (candidate === best) continue;
    const same = groups.find((g) => g[0] && sameFact(g[0], candidate, query, tuning));
    if (same) {
      if (!same.some((c) => c.article.id === candidate.article.id)) same.push(candidate);
      continue;
    }
    // When the best sentence states the kind of fact asked for, the others must too.
    const fits =
      query.kind === 'general' ||
      !statesKind(best.quote, query.kind) ||
      (statesKind(candidate.quote, query.kind) &&
        (query.kind !== 'amount' || figureType(candidate.quote) === figureType(best.quote)));
    // A sentence that outscored the evidence but failed the gate (an old article's near miss) stays out.
    const rejected = candidate.score > best.score && !isEvidence(candidate, query, tuning);
    if (
      fits &&
      !rejected &&
      groups.length < tuning.maxSentences &&
      candidate.score >= best.score * tuning.relativeKeep
    ) {
      groups.push([candidate]);
    }
  }
  const pool = [...candidates, ...candidateSentences(query, counterpoints, weights, tuning)];
  const disagreement = addOtherSide(groups, pool, tuning);
  return render(query, groups, disagreement);
}

/** Every sentence of the top passages (and of their copies), scored for this question. */
export function candidateSentences(
  query: Query,
  ranked: RankedPassage[],
  weights: TermWeights,
  tuning: AnswerTuning = DEFAULT_ANSWER,
): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const questionWords = new Set(
    (query.text.match(/[\p{L}\d][\p{L}\d'’,.-]*/gu) ?? []).map((w) => w.toLowerCase()),
  );
  const top = ranked.slice(0, tuning.passages);
  top.forEach((ranked, rank) => {
    for (const hit of [ranked, ...ranked.duplicates]) {
      for (const span of hit.passage.sentences) {
        // A list item's marker ("- ", "2. ") is layout, not words of the article's claim.
        const full = hit.passage.text
          .slice(span.start - hit.passage.start, span.end - hit.passage.start)
          .replace(LIST_MARKER, '');
        if (!isStatement(full)) continue;
        const quote = trimToClauses(full, weights, tuning.maxQuoteChars);
        const key = `${hit.article.id}:${quote}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const tokens = tokenize(quote);
        const terms = new Set(tokens);
        const coverage = coverageOf(terms, weights);
        const proximity = proximityOf(tokens, query.pairs, weights);
        const kindFit = query.kind === 'general' ? 0 : statesKind(quote, query.kind) ? 0.15 : -0.1;
        const score =
          0.75 * coverage +
          0.25 * ranked.coverage +
          0.1 * proximity +
          kindFit +
          tuning.noveltyBonus * noveltyOf(quote, questionWords) +
          0.1 * (1 - rank / top.length) -
          (quote.length > 280 ? 0.05 : 0);
        candidates.push({
          article: hit.article,
          quote,
          terms,
          coverage,
          ownCoverage: query.contextTerms.length > 0 ? ownCoverageOf(terms, weights) : coverage,
          passageCoverage: ranked.coverage,
          score,
        });
      }
    }
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * Whether a sentence may carry an answer. Questions to a news bot are mostly about recent news: a
 * sentence from fresh news that touches the question, or that stands in a passage (title included)
 * about the question, usually is the answer, while an old article that happens to share the question's
 * words usually tells an older story, so old (and undated) evidence must carry most of the question.
 * Thread context does not count towards passage coverage here. Measured on the rtqa-news dev split
 * (docs/EVALUATION.md).
 */
function isEvidence(candidate: Candidate, query: Query, tuning: AnswerTuning): boolean {
  const published = candidate.article.publishedAt ? Date.parse(candidate.article.publishedAt) : Number.NaN;
  const ageDays = (Date.parse(query.now) - published) / 86_400_000;
  if (Number.isNaN(ageDays) || ageDays > tuning.freshDays) return candidate.ownCoverage >= tuning.minCoverage;
  return (
    candidate.ownCoverage >= tuning.minFreshCoverage ||
    (query.contextTerms.length === 0 && candidate.passageCoverage >= tuning.minFreshPassageCoverage)
  );
}

/** Names and figures in `sentence` that the question does not already contain, 0..1 (3 or more is 1). */
function noveltyOf(sentence: string, question: ReadonlySet<string>): number {
  let novel = 0;
  for (const m of sentence.matchAll(/\b[A-Z][\p{L}'’-]+|\b\d[\d,.]*/gu)) {
    if (!question.has(m[0].toLowerCase())) novel++;
    if (novel >= 3) return 1;
  }
  return novel / 3;
}

/** Headings, questions and fragments are not answers. */
function isStatement(sentence: string): boolean {
  if (sentence.length < 30 || sentence.endsWith('?')) return false;
  return /[.!"”’)]$/u.test(sentence) || sentence.length > 120;
}

function sameFact(a: Candidate, b: Candidate, query: Query, tuning: AnswerTuning): boolean {
  const similarity = jaccard(a.terms, b.terms);
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
function aboutOtherNames(a: string, b: string): boolean {
  const ours = namesIn(a);
  const theirs = namesIn(b);
  if (ours.size === 0 || theirs.size === 0) return false;
  for (const name of ours) if (theirs.has(name)) return false;
  return true;
}

/**
 * Where a chosen sentence gives a figure and another relevant sentence declines to give it or gives a
 * different one, both sides are shown. Returns whether that happened.
 */
function addOtherSide(groups: Candidate[][], candidates: Candidate[], tuning: AnswerTuning): boolean {
  // The other side often sits in a sentence that does not repeat the question's words ("financial
  // details were not disclosed"), so relevance is judged on the passage around it.
  const relevant = candidates.filter((c) => Math.max(c.coverage, c.passageCoverage) >= tuning.minCoverage);
  const chosen = groups.map((g) => g[0]).filter((c): c is Candidate => c !== undefined);
  // Two chosen sentences already give different figures for the same thing ($2 billion, $2.4 billion).
  if (chosen.some((a, i) => chosen.slice(i + 1).some((b) => otherFigureForSameThing(a, b, tuning)))) {
    return true;
  }
  const figures = new Set(chosen.flatMap((c) => moneyAmounts(c.quote)).filter((x) => x >= 1e6));
  const declines = chosen.some((c) => declinesToState(c.quote));
  let other: Candidate | undefined;
  if (figures.size > 0 && !declines) other = relevant.find((c) => declinesToState(c.quote));
  if (!other && declines) other = relevant.find((c) => moneyAmounts(c.quote).some((x) => x >= 1e6));
  const lead = chosen[0];
  if (!other && lead && figures.size > 0) {
    other = relevant.find(
      (c) =>
        c.coverage >= tuning.minCoverage &&
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
    ours.length > 0 &&
    theirs.length > 0 &&
    ours.every((x) => !theirs.includes(x)) &&
    jaccard(a.terms, b.terms) >= tuning.otherFigureJaccard &&
    !aboutOtherNames(a.quote, b.quote)
  );
}

function render(query: Query, groups: Candidate[][], disagreement: boolean): Answer {
  const citations: Citation[] = [];
  const numberOf = (c: Candidate) => {
    const existing = citations.find((x) => x.articleId === c.article.id && x.quote === c.quote);
    if (existing) return existing.n;
    const citation = toCitation(citations.length + 1, c.article, c.quote);
    citations.push(citation);
    return citation.n;
  };
  const sentences: AnswerSentence[] = groups.map((group) => ({
    text: displayText(group[0]?.quote ?? ''),
    citations: [...new Set(group.map(numberOf))].sort((a, b) => a - b),
  }));
  const body = joinSentences(sentences);
  return {
    question: query.text,
    answer: disagreement ? `Sources disagree. ${body}` : body,
    abstained: false,
    mode: 'extractive',
    sentences,
    citations,
    disagreement,
    note: null,
  };
}

function abstain(query: Query, candidates: Candidate[], tuning: AnswerTuning): Answer {
  const closest: Candidate[] = [];
  for (const c of candidates) {
    if (closest.length >= tuning.closestSources) break;
    if (c.coverage > 0 && !closest.some((x) => x.article.id === c.article.id)) closest.push(c);
  }
  const citations = closest.map((c, i) => toCitation(i + 1, c.article, c.quote));
  const asked = query.text.trim().replace(/\s+/g, ' ');
  const lead =
    query.terms.length === 0
      ? `I couldn't find anything to look up in "${asked}". Ask about a company, person or event in the news.`
      : `The indexed articles don't say: nothing in them answers "${asked}".`;
  const answer =
    citations.length > 0
      ? `${lead} The closest sources are ${citations.map((c) => `[${c.n}]`).join('')}, but they don't support an answer.`
      : lead;
  return {
    question: query.text,
    answer,
    abstained: true,
    mode: 'extractive',
    sentences: [{ text: answer, citations: [] }],
    citations,
    disagreement: false,
    note: null,
  };
}

/** A quote as shown in an answer: a cut one ends in an ellipsis, and every one ends with a stop. */
function displayText(quote: string): string {
  if (/[.!?]["”’)]?$/u.test(quote)) return quote;
  return `${quote}…`;
}

/**
 * Cuts an over-long sentence down to the run of clauses that carries most of the question, so that
 * the quote stays verbatim and readable.
 */
export function trimToClauses(sentence: string, weights: TermWeights, maxChars: number): string {
  if (sentence.length <= maxChars) return sentence;
  const bounds = [0];
  for (const m of sentence.matchAll(/[,;:]\s+|\s+[—–-]\s+/gu)) bounds.push(m.index + m[0].length);
  bounds.push(sentence.length);
  let best = { start: 0, end: 0, coverage: -1 };
  for (let i = 0; i < bounds.length - 1; i++) {
    for (let j = i + 1; j < bounds.length; j++) {
      const start = bounds[i] ?? 0;
      const end = bounds[j] ?? sentence.length;
      if (end - start > maxChars) break;
      const coverage = coverageOf(new Set(tokenize(sentence.slice(start, end))), weights);
      if (coverage > best.coverage || (coverage === best.coverage && end - start > best.end - best.start)) {
        best = { start, end, coverage };
      }
    }
  }
  if (best.coverage < 0) {
    // No clause fits: cut at the last space, or (text without spaces, e.g. Chinese) at the limit.
    const space = sentence.lastIndexOf(' ', maxChars);
    return sentence.slice(0, space > maxChars / 2 ? space : maxChars).trim();
  }
  return sentence
    .slice(best.start, best.end)
    .replace(/[\s,;:—–-]+$/u, '')
    .trim();
}
