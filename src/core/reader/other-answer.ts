/**
 * @module core/reader/other-answer
 * "Sources disagree." for every form of question: another article's sentence that answers the same
 * question about the same thing with another answer of the kind asked for (another count, amount,
 * date, person, place…; asked yes or no, the same claim negated). Never within one article: an
 * article's total and its part, or its two dates, are no disagreement of sources.
 */
import { jaccard } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';
import type { AnswerTuning } from '../tuning.js';
import type { ReaderKind } from './answer-kind.js';
import type { Candidate } from './candidates.js';
import { type Asked, evidenceQuote } from './evidence-gate.js';
import { aboutOtherNames } from './same-fact.js';

/** Kinds whose answers are figures: two sentences may share words and differ only in them. */
const FIGURES: ReadonlySet<ReaderKind> = new Set(['amount', 'count', 'date', 'duration']);
const NEGATION = /\b(?:not|never|no longer|none|neither|nor|denied|denies|deny|rejected|rejects)\b|n['’]t\b/i;
const NUMBER_WORDS: Record<string, string> = Object.fromEntries(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [w, String(i)]),
);
const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  bn: 1e9,
  billion: 1e9,
  trillion: 1e12,
};

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\b\p{L}+\b/gu, (w) => NUMBER_WORDS[w] ?? w)
    .replace(/\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The number a span gives ("$2.4 billion" → 2.4e9, "eight million" → 8e6), or null. */
function numberIn(folded: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|k|m)?\b/.exec(folded);
  if (!m) return null;
  return Number(m[1]) * (SCALE[m[2] ?? ''] ?? 1);
}

/**
 * Two spans give the same answer: the same words, one inside the other ("1865" in "June 19, 1865"),
 * the same number, or, for names, a shared name word ("President Biden", "Joe Biden"; "Fox News",
 * "Fox Corp.": a parent and its network are not told apart, so they are not called a disagreement).
 */
export function sameAnswer(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (x === y || ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `)) return true;
  const vx = numberIn(x);
  const vy = numberIn(y);
  if (vx !== null || vy !== null)
    return vx !== null && vy !== null && Math.abs(vx - vy) <= 1e-9 * Math.max(vx, vy);
  const words = new Set(x.split(' ').filter((w) => w.length >= 3 && !NAME_FILLER.has(w)));
  return y.split(' ').some((w) => words.has(w));
}

const NAME_FILLER = new Set('the and of for inc corp co ltd llc group company'.split(' '));
const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const WEEKDAYS = 'mon tue wed thu fri sat sun'.split(' ');

/** A date's year, month, day of the month and weekday, where it gives them. */
function dateParts(span: string): Record<'year' | 'month' | 'day' | 'weekday', string | undefined> {
  const words = fold(span).split(' ');
  const month = words.map((w) => MONTHS.indexOf(w.slice(0, 3))).find((i) => i >= 0);
  const weekday = words.find((w) => WEEKDAYS.includes(w.slice(0, 3)) && /day$/.test(w));
  return {
    year: words.find((w) => /^(?:1[5-9]|20)\d\d$/.test(w)),
    month: month === undefined ? undefined : String(month),
    day: month === undefined ? undefined : words.find((w) => /^\d{1,2}$/.test(w)),
    weekday,
  };
}

/** Two dates that cannot both be right: a part both give differs ("July 4, 1776" / "July 9, 1776"). */
export function datesConflict(a: string, b: string): boolean {
  const x = dateParts(a);
  const y = dateParts(b);
  return (['year', 'month', 'day', 'weekday'] as const).some((k) => x[k] && y[k] && x[k] !== y[k]);
}

/** The answers of the kind asked for that `sentence` clearly gives, one per distinct answer. */
function claimsIn(sentence: string, asked: Asked): string[] {
  const claims: string[] = [];
  for (const c of asked.reader.claimsOf(sentence, asked.kind, asked.query.text)) {
    if (!claims.some((x) => sameAnswer(x, c))) claims.push(c);
  }
  return claims;
}

/**
 * `a` and `b` answer the question differently: each clearly gives one answer of the kind asked for
 * and the two differ ("Lena Ortiz will chair…" / "Marcus Hale will chair…"), or, asked yes or no, one
 * of them is negated. A sentence giving several answers of the kind (two dates, a person and the
 * person quoted) is not compared: which of them answers is not clear.
 */
export function differentAnswers(a: string, b: string, asked: Asked): boolean {
  if (asked.kind === 'yesno') return NEGATION.test(a) !== NEGATION.test(b);
  const ours = claimsIn(a, asked);
  const theirs = claimsIn(b, asked);
  if (ours.length !== 1 || theirs.length !== 1) return false;
  const [x = '', y = ''] = [ours[0], theirs[0]];
  // A weekday and a year can both be right: dates differ only where they give the same part.
  return asked.kind === 'date' ? datesConflict(x, y) : !sameAnswer(x, y);
}

/**
 * The two sentences tell of different events: the dates they give conflict ("adopted on July 4,
 * 1776" / "delivered on July 9, 1776"), so their other answers are no disagreement.
 */
function otherEvents(a: string, b: string, asked: Asked): boolean {
  const dates = (s: string) => asked.reader.claimsOf(s, 'date', '');
  const ours = dates(a);
  const theirs = dates(b);
  return ours.some((x) => theirs.some((y) => datesConflict(x, y)));
}

/**
 * A sentence of another article among the best `otherAnswerCandidates` that answers the question
 * (it passes the evidence gate), says the same thing as `best` but for its answer (their terms
 * without the answers overlap; for figures, no other names), and gives a different answer; with its
 * quote as the gate gives it. Null when the sources agree.
 */
export function otherAnswer(
  best: Candidate,
  candidates: readonly Candidate[],
  asked: Asked,
  tuning: AnswerTuning,
): Candidate | null {
  const figures = FIGURES.has(asked.kind);
  const overlap = figures ? tuning.otherFigureJaccard : tuning.sameFactJaccard;
  const frame = (c: Candidate, quote: string) => {
    const answerTerms = new Set(claimsIn(quote, asked).flatMap((a) => tokenize(a)));
    return new Set([...c.terms].filter((t) => !answerTerms.has(t)));
  };
  const ours = frame(best, best.quote);
  for (const c of candidates.slice(0, tuning.otherAnswerCandidates)) {
    if (c.article.id === best.article.id) continue;
    if (figures && aboutOtherNames(best.quote, c.quote)) continue;
    const quote = evidenceQuote(c, asked, tuning);
    if (quote === null || jaccard(ours, frame(c, c.quote)) < overlap) continue;
    if (asked.kind !== 'date' && otherEvents(best.quote, quote, asked)) continue;
    if (differentAnswers(best.quote, quote, asked)) return { ...c, quote };
  }
  return null;
}
