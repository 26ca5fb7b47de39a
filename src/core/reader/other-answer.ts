/**
 * @module core/reader/other-answer
 * "Sources disagree." for every form of question: another article's sentence that answers the same
 * question about the same thing with another answer of the kind asked for (another count, amount,
 * date, person, organisation, city, named thing; asked yes or no, or for a reason, the same claim
 * denied). Never within one article, nor between copies of one story: an article's total and its
 * part, or a syndicated report and its update, are no disagreement of sources.
 */
import { jaccard } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';
import type { AnswerTuning } from '../tuning.js';
import type { ReaderKind } from './answer-kind.js';
import type { Candidate } from './candidates.js';
import { withoutAttribution } from './entity-claims.js';
import { type Asked, evidenceQuote } from './evidence-gate.js';
import { deniesClaim } from './polarity.js';
import { aboutOtherNames, copiesOfOneArticle } from './same-fact.js';

/** Kinds whose answers are figures: two sentences may share words and differ only in them. */
const FIGURES: ReadonlySet<ReaderKind> = new Set(['amount', 'count', 'date', 'duration']);
/** Kinds whose answers are names of things, which one article may give beside the other's. */
const ENTITIES: ReadonlySet<ReaderKind> = new Set(['organisation', 'place', 'name']);
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

const NAME_FILLER = new Set(
  'the and of for inc corp co ltd llc plc ag sa nv gmbh group company holdings international'.split(' '),
);
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
 * and the two differ ("Lena Ortiz will chair…" / "Marcus Hale will chair…"), or, asked yes or no (or
 * why, both giving a cause), one of them denies the claim the other makes. A sentence giving several
 * answers of the kind (two dates, a person and the person quoted) is not compared: which of them
 * answers is not clear. Two causes are no disagreement: both may hold, or be one cause in other words.
 */
export function differentAnswers(a: string, b: string, asked: Asked): boolean {
  if (asked.kind === 'yesno') return deniedDifferently(a, b, asked);
  if (asked.kind === 'reason') {
    const givesCause = (s: string) => asked.reader.answersOf(s, 'reason', asked.query.text).length > 0;
    return givesCause(a) && givesCause(b) && deniedDifferently(a, b, asked);
  }
  const ours = claimsIn(a, asked);
  const theirs = claimsIn(b, asked);
  if (ours.length !== 1 || theirs.length !== 1) return false;
  const [x = '', y = ''] = [ours[0], theirs[0]];
  // A weekday and a year can both be right: dates differ only where they give the same part.
  return asked.kind === 'date' ? datesConflict(x, y) : !sameAnswer(x, y);
}

/** One sentence affirms what the question asks and the other denies it; neither declines to say. */
function deniedDifferently(a: string, b: string, asked: Asked): boolean {
  const x = deniesClaim(a, asked.query.text);
  const y = deniesClaim(b, asked.query.text);
  return x !== null && y !== null && x !== y;
}

/**
 * The article of `other` names `best`'s answer too, or the other way round: a part and its whole, a
 * parent and its brand, or one name in another role (the city a venue stands in), not two answers.
 */
function namesTheOtherAnswer(best: Candidate, other: Candidate, otherQuote: string, asked: Asked): boolean {
  const held = (claims: string[], terms: ReadonlySet<string>) =>
    claims.some((claim) => {
      const words = tokenize(claim);
      return words.length > 0 && words.every((w) => terms.has(w));
    });
  return (
    held(claimsIn(best.quote, asked), other.articleTerms) ||
    held(claimsIn(otherQuote, asked), best.articleTerms)
  );
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
 * `b` answers otherwise than `a` (`differentAnswers`) in a way sources can disagree on: within one
 * article any different answer counts (its two figures are two facts, not one); between articles,
 * not a name of a thing the other article names too, nor a copy of `a`'s story. Such a sentence is
 * never grouped with `a` as the same fact.
 */
export function answersOtherwise(
  a: Candidate,
  b: Candidate,
  pool: readonly Candidate[],
  asked: Asked,
  tuning: AnswerTuning,
): boolean {
  if (!differentAnswers(a.quote, b.quote, asked)) return false;
  if (a.article.id === b.article.id) return true;
  if (ENTITIES.has(asked.kind) && namesTheOtherAnswer(a, b, b.quote, asked)) return false;
  return !copiesOfOneArticle(a, b, pool, tuning);
}

/**
 * A sentence of another article among the best `otherAnswerCandidates` that answers the question
 * (it passes the evidence gate), says the same thing as `best` but for its answer (their terms
 * without the answers overlap; for figures, no other names), and gives a different answer; with its
 * quote as the gate gives it. Not from a copy of `best`'s story, and for names of things, not from
 * an article that names `best`'s answer too. Null when the sources agree.
 */
export function otherAnswer(
  best: Candidate,
  candidates: readonly Candidate[],
  asked: Asked,
  tuning: AnswerTuning,
): Candidate | null {
  const figures = FIGURES.has(asked.kind);
  const overlap = figures ? tuning.otherFigureJaccard : tuning.sameFactJaccard;
  // What is said, without the answers and without who says it ("…, the council said on Monday").
  const frame = (quote: string) => {
    const answerTerms = new Set(claimsIn(quote, asked).flatMap((a) => tokenize(a)));
    return new Set(tokenize(withoutAttribution(quote)).filter((t) => !answerTerms.has(t)));
  };
  const ours = frame(best.quote);
  for (const c of candidates.slice(0, tuning.otherAnswerCandidates)) {
    if (c.article.id === best.article.id) continue;
    if (figures && aboutOtherNames(best.quote, c.quote)) continue;
    const quote = evidenceQuote(c, asked, tuning);
    if (quote === null || jaccard(ours, frame(c.quote)) < overlap) continue;
    if (asked.kind !== 'date' && otherEvents(best.quote, quote, asked)) continue;
    if (answersOtherwise(best, { ...c, quote }, candidates, asked, tuning)) return { ...c, quote };
  }
  return null;
}
