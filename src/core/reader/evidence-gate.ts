/**
 * @module core/reader/evidence-gate
 * Whether a candidate sentence answers the question, judged as a careful reader would: it is about
 * the question (its own words, or its words with the sentences beside it, the title and the outlet),
 * it is about the names the question turns on, and it gives an answer of the kind asked for (a number
 * for "how many", a date for "when", a name for "who"), in itself or in the sentence after it (or, when
 * it opens with a pronoun, in the sentence before). Freshness counts only when the question asks for
 * recent news ("latest", "this week"): a question about a fact is not about recency, and a store of
 * last year's articles is a normal store.
 */
import type { Query } from '../query.js';
import type { AnswerTuning } from '../tuning.js';
import { type AnswerFocus, isAge, isPerUnit, namesEvent } from './answer-focus.js';
import { type AskedHead, hasAnswerSpan, type ReaderKind } from './answer-kind.js';
import type { SentenceReader } from './answer-spans.js';
import type { Candidate } from './candidates.js';
import { closeContextOf } from './close-context.js';
import { countedThingNamed, countedThingOf } from './counted-thing.js';
import { isInstanceOf } from './instance-of.js';
import { type KeyName, keyNamesFound } from './key-names.js';
import { namesAskedEvent } from './reason-link.js';

export interface Asked {
  query: Query;
  kind: ReaderKind;
  /** The question's key names. */
  names: KeyName[];
  reader: SentenceReader;
  /**
   * Among the best-scored sentences some come from fresh news (within `freshDays` of now): the store
   * covers the story now, so an old article that shares the question's words likely tells an older one.
   */
  freshNews: boolean;
  /** What the answer must be tied to (`answer-focus.ts`); none when the reader cannot tell. */
  focus?: AnswerFocus;
  /** The class "which X" asks an instance of (`askedHeadOf`); none for other questions. */
  head?: AskedHead;
  /** The question's terms no passage of the store holds (a word the articles never use). */
  absent?: ReadonlySet<string>;
}

const PRONOUN_START = /^(?:he|she|it|they|this|these|that|those|his|her|its|their|the company|the firm)\b/i;
/** A part of a group named before ("About 300 of them…", "Two of those…") in the first words. */
const PART_OF_ANTECEDENT = /^(?:[\p{L}\p{N},.'’-]+\s+){0,4}?(?:of|among) (?:them|those|these)\b/iu;

/** The sentence leans on the one before for whom or what it is about. */
export function refersBack(sentence: string): boolean {
  return PRONOUN_START.test(sentence) || PART_OF_ANTECEDENT.test(sentence);
}

export function isFresh(candidate: Candidate, query: Query, tuning: AnswerTuning): boolean {
  const published = candidate.article.publishedAt ? Date.parse(candidate.article.publishedAt) : Number.NaN;
  return (Date.parse(query.now) - published) / 86_400_000 <= tuning.freshDays;
}

/** The quote that answers, the sentence itself or joined to a neighbour, or null when it does not. */
export function evidenceQuote(candidate: Candidate, asked: Asked, tuning: AnswerTuning): string | null {
  if (!aboutTheQuestion(candidate, asked, tuning)) return null;
  const quote = answeringQuote(candidate, asked, tuning);
  return quote !== null && aboutTheNames(candidate, quote, asked) ? quote : null;
}

/** The sentence, or it joined to the neighbour that holds the kind of answer asked for. */
function answeringQuote(candidate: Candidate, asked: Asked, tuning: AnswerTuning): string | null {
  const opensWithPronoun = refersBack(candidate.quote);
  if (!hasAnswerSpan(asked.kind)) {
    return opensWithPronoun && candidate.previous ? candidate.previous.joined : candidate.quote;
  }
  const answers = (sentence: string, quote: string) =>
    tiedAnswers(sentence, quote, asked, candidate).length > 0;
  const { previous, next } = candidate;
  const own = opensWithPronoun && previous ? previous.joined : candidate.quote;
  if (answers(candidate.quote, own)) return own;
  if (next && answers(next.sentence, next.joined)) return next.joined;
  if (previous && opensWithPronoun && answers(previous.sentence, previous.joined)) return previous.joined;
  // A long sentence cut to the clauses that carry the question may have lost the answer ("…, said
  // Ines Corbett, the owner" cut after the verb): the whole sentence is quoted when it fits.
  const whole = candidate.sentence;
  if (candidate.trimmed && whole.length <= tuning.maxWholeSentenceChars && answers(whole, whole))
    return whole;
  return null;
}

/**
 * The answers of the kind asked for that `sentence` (quoted as `quote`) ties to the question: asked
 * for each one, only amounts for each one; asked when an event happened, only a quote that names the
 * event (unless the store never uses the question's word for it: then the articles word it otherwise).
 */
function tiedAnswers(sentence: string, quote: string, asked: Asked, candidate: Candidate): string[] {
  const { kind, focus, query } = asked;
  const spans = asked.reader.answersOf(sentence, kind, query.text);
  if (spans.length === 0) return spans;
  if (kind === 'count' && !countNamed(quote, asked, candidate)) return [];
  // A cause is one of what the question asks about: the quote that gives it names the event.
  if (kind === 'reason' && !namesAskedEvent(boundTo(quote, candidate), query.text)) return [];
  // "Which team": a name the sentence gives as a team.
  if (asked.head && (kind === 'organisation' || kind === 'name' || kind === 'place')) {
    const { head } = asked;
    const words = asked.reader.tagged(sentence);
    const typed = spans.filter((s) => isInstanceOf(sentence, s, head, words));
    if (typed.length === 0) return [];
  }
  if (!focus) return spans;
  const article = candidate.articleTerms;
  if (kind === 'amount' && focus.perUnit) return spans.filter((s) => isPerUnit(sentence, s));
  if (kind === 'amount' && focus.age) return spans.filter((s) => isAge(sentence, s));
  const event = focus.verb;
  if (kind === 'date' && event !== null && article.has(event) && !namesEvent(quote, event)) return [];
  return spans;
}

/**
 * What a cause in `quote` is read as the cause of: the quote, the sentence before it and the
 * article's title ("Harlow Paper blamed falling demand…" after "…the mill will close").
 */
function boundTo(quote: string, candidate: Candidate): string {
  return [candidate.article.title, candidate.previous?.sentence ?? '', quote].join('\n');
}

/** Asked how many of a thing, the thing (or a word that counts anything) is named in the quote or before it. */
function countNamed(quote: string, asked: Asked, candidate: Candidate): boolean {
  const thing = countedThingOf(asked.reader.tagged(asked.query.text));
  if (thing === null) return true;
  return countedThingNamed(thing, quote, candidate.close.terms);
}

/**
 * The question's key names are in the quote or what the reader has read before it: the paragraph up
 * to it, the article's lead, title and outlet. A name that first comes after the sentence is about what
 * follows ("However, … in cities like New York …" after a national average), so the next sentence
 * counts only when it is quoted. Over fresh news the coverage bars were measured to keep near misses
 * out (rtqa-news dev), and names are not asked for.
 */
function aboutTheNames(candidate: Candidate, quote: string, asked: Asked): boolean {
  if (asked.query.recency || asked.freshNews) return true;
  const { close } = candidate;
  const quoted = quote === candidate.quote ? null : closeContextOf([quote]);
  const terms = quoted ? new Set([...close.terms, ...quoted.terms]) : close.terms;
  const initials = quoted ? new Set([...close.initials, ...quoted.initials]) : close.initials;
  return keyNamesFound(asked.names, terms, initials, candidate.articleTerms);
}

/** The gate on coverage: how much of the question the sentence (and what surrounds it) carries. */
function aboutTheQuestion(candidate: Candidate, asked: Asked, tuning: AnswerTuning): boolean {
  const { query } = asked;
  if (query.recency || asked.freshNews) return aboutRecentNews(candidate, query, tuning);
  // A word no article holds ("jwz") is forgiven only where the sentence must also give the kind of
  // answer asked for: with no such check ("…is what?"), it is the only sign of a near miss.
  const known = hasAnswerSpan(asked.kind);
  const own = known ? candidate.knownCoverage : candidate.ownCoverage;
  const context = known ? candidate.knownContextCoverage : candidate.contextCoverage;
  return (
    own >= tuning.minSentenceCoverage ||
    (own >= tuning.minSupportedCoverage && context >= tuning.minContextCoverage)
  );
}

/**
 * Asked for the latest news, an old article that happens to share the question's words usually tells
 * an older story, so old (and undated) evidence must carry most of the question; fresh news that
 * touches it, or stands in a passage about it, usually is the answer. Measured on rtqa-news dev.
 */
function aboutRecentNews(candidate: Candidate, query: Query, tuning: AnswerTuning): boolean {
  if (!isFresh(candidate, query, tuning)) return candidate.ownCoverage >= tuning.minCoverage;
  return (
    candidate.ownCoverage >= tuning.minFreshCoverage ||
    (query.contextTerms.length === 0 && candidate.passageCoverage >= tuning.minFreshPassageCoverage)
  );
}
