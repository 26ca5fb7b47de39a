/**
 * @module core/reader/candidates
 * Every sentence of the top passages (and of their copies from other outlets), scored for the
 * question, with what the gate needs to judge it: its coverage, its passage's, and its context (the
 * sentences beside it, the article's title and outlet) and the verbatim text reaching into the
 * sentence before or after, for an answer that is one sentence away.
 */
import type { ArticleRef } from '../article.js';
import type { Query } from '../query.js';
import {
  coverageOf,
  ownCoverageOf,
  proximityOf,
  type RankedPassage,
  type TermWeights,
} from '../retrieve-passages.js';
import { statesKind } from '../text/facts.js';
import { tokenize } from '../text/tokenize.js';
import { type AnswerTuning, DEFAULT_ANSWER } from '../tuning.js';
import { type CloseContext, closeContextOf, paragraphUpTo } from './close-context.js';
import { type CitedSource, citesArticle, initialsOf, listInitialsOf } from './key-names.js';
import { trimToClauses } from './trim-quote.js';

export interface Neighbour {
  /** The neighbouring sentence alone. */
  sentence: string;
  /** This sentence and the neighbour together, verbatim from the article (in reading order). */
  joined: string;
}

export interface Candidate {
  quote: string;
  /** The whole sentence `quote` is (or was cut from). */
  sentence: string;
  terms: Set<string>;
  coverage: number;
  /** Coverage of the question's own terms only (without thread context): decides abstention. */
  ownCoverage: number;
  /** `ownCoverage` with a term no passage holds discounted (`absentTermShare`). */
  knownCoverage: number;
  /** Coverage of the passage the sentence stands in, title included. */
  passageCoverage: number;
  /** Terms of the sentence's context: its passage, the sentences beside it, title and outlet. */
  context: Set<string>;
  article: ArticleRef;
  /** The sentence, the one before, its paragraph up to it, the article's lead, title and outlet. */
  close: CloseContext;
  /** Terms of every retrieved passage of the same article, with its title and outlet. */
  articleTerms: ReadonlySet<string>;
  /** Coverage of the question's own terms by the sentence with its neighbours, title and outlet. */
  contextCoverage: number;
  /** The same, a term no passage holds discounted. */
  knownContextCoverage: number;
  /** The sentence was cut to its clauses (then it is not joined to a neighbour). */
  trimmed: boolean;
  previous: Neighbour | null;
  next: Neighbour | null;
  score: number;
}

const LIST_MARKER = /^(?:[-*•▪‣]|\d{1,2}[.)])\s+/u;
const MAX_JOINED_CHARS = 420;

/**
 * @param cited the source the question cites ("In that ACLU piece…", `citedSourceOf`): in an article
 *   that holds its name, every sentence carries the words citing it.
 */
export function candidateSentences(
  query: Query,
  ranked: RankedPassage[],
  weights: TermWeights,
  tuning: AnswerTuning = DEFAULT_ANSWER,
  cited: CitedSource | null = null,
): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const questionWords = new Set(
    (query.text.match(/[\p{L}\d][\p{L}\d'’,.-]*/gu) ?? []).map((w) => w.toLowerCase()),
  );
  const top = ranked.slice(0, tuning.passages);
  const tokensOf = tokenMemo();
  const absentShare = absentTermShareOf(weights, tuning);
  // An article's lead paragraph, when retrieved: it names what the article is about.
  const leads = new Map<string, string>();
  const articleTerms = new Map<string, Set<string>>();
  for (const hit of top.flatMap((r) => [r, ...r.duplicates])) {
    const id = hit.article.id;
    if (hit.passage.ordinal === 0) leads.set(id, hit.passage.text.split('\n')[0] ?? '');
    const terms =
      articleTerms.get(id) ??
      new Set([...tokensOf(hit.article.title), ...tokensOf(hit.article.source ?? '')]);
    for (const t of tokensOf(hit.passage.text)) terms.add(t);
    articleTerms.set(id, terms);
  }
  // Asked what an acronym stands for, the sentence that spells it out answers, and one that does not
  // gives no such answer. Only then: two or three capitals are the initials of many a list of names.
  const acronyms = STANDS_FOR.test(query.text) ? acronymsOf(query.text, weights) : [];
  const asksExpansion = acronyms.length > 0;
  const expansionTerms = asksExpansion ? tokenize(STANDS_FOR.exec(query.text)?.[0] ?? '') : [];
  const citing = new Map<string, ReadonlySet<string>>();
  const citingTermsOf = (article: ArticleRef): ReadonlySet<string> => {
    let terms = citing.get(article.id);
    if (terms === undefined) {
      const initials = initialsOf(
        `${article.title}\n${article.source ?? ''}\n${leads.get(article.id) ?? ''}`,
      );
      const held = cited && citesArticle(cited, articleTerms.get(article.id) ?? new Set(), initials);
      terms = held && cited ? cited.terms : new Set<string>();
      citing.set(article.id, terms);
    }
    return terms;
  };
  top.forEach((ranked, rank) => {
    for (const hit of [ranked, ...ranked.duplicates]) {
      const { passage, article } = hit;
      const citingTerms = citingTermsOf(article);
      const withCiting = (t: Set<string>) => {
        for (const c of citingTerms) t.add(c);
        return t;
      };
      const textOf = (s: { start: number; end: number }) =>
        passage.text.slice(s.start - passage.start, s.end - passage.start);
      const around = new Set([
        ...tokensOf(passage.text),
        ...tokensOf(article.title),
        ...tokensOf(article.source ?? ''),
      ]);
      const heading = new Set([...tokensOf(article.title), ...tokensOf(article.source ?? '')]);
      passage.sentences.forEach((span, i) => {
        // A list item's marker ("- ", "2. ") is layout, not words of the article's claim.
        const full = textOf(span).replace(LIST_MARKER, '');
        if (!isStatement(full)) return;
        const quote = quoteOf(full, weights, tuning);
        const key = `${article.id}:${quote}`;
        if (seen.has(key)) return;
        seen.add(key);
        const tokens = tokensOf(quote);
        const terms = new Set(tokens);
        const spelledNames = spelledOut(full, terms, acronyms);
        // Spelled out, it names the acronym and says what it stands for: "stand for" is answered too.
        const spelled = spelledNames.length > 0 ? [...spelledNames, ...expansionTerms] : spelledNames;
        const covered =
          citingTerms.size > 0 || spelled.length > 0 ? withCiting(new Set([...terms, ...spelled])) : terms;
        const coverage = coverageOf(covered, weights);
        const trimmed = quote !== full;
        const before = passage.sentences[i - 1];
        const after = passage.sentences[i + 1];
        const previous =
          before && !trimmed
            ? neighbour(
                textOf(before),
                passage.text.slice(before.start - passage.start, span.end - passage.start),
              )
            : null;
        const next =
          after && !trimmed
            ? neighbour(
                textOf(after),
                passage.text.slice(span.start - passage.start, after.end - passage.start),
              )
            : null;
        const nearby = withCiting(
          new Set([
            ...terms,
            ...heading,
            ...(previous ? tokensOf(previous.sentence) : []),
            ...(next ? tokensOf(next.sentence) : []),
          ]),
        );
        const proximity = proximityOf(tokens, query.pairs, weights);
        const kindFit =
          query.kind === 'general'
            ? 0
            : statesKind(quote, query.kind)
              ? tuning.kindFitBonus
              : -tuning.kindMissPenalty;
        const score =
          tuning.sentenceCoverageWeight * coverage +
          tuning.passageCoverageWeight * ranked.coverage +
          tuning.proximityWeight * proximity +
          kindFit +
          tuning.noveltyBonus * noveltyOf(quote, questionWords) +
          (spelled.length > 0 ? tuning.spelledOutBonus : asksExpansion ? -tuning.kindMissPenalty : 0) +
          tuning.rankWeight * (1 - rank / top.length) -
          (quote.length > tuning.longQuoteChars ? tuning.longQuotePenalty : 0);
        const ownCoverage = query.contextTerms.length > 0 ? ownCoverageOf(covered, weights) : coverage;
        candidates.push({
          article,
          quote,
          sentence: full,
          terms,
          coverage,
          ownCoverage,
          knownCoverage: ownCoverageOf(covered, weights, absentShare),
          passageCoverage: ranked.coverage,
          context: around,
          close: closeContextOf(
            [
              full,
              before ? textOf(before) : '',
              paragraphUpTo(passage.text, span.start - passage.start, span.end - passage.start),
              // The lead up to the sentence when it stands there: what comes after it is no context.
              passage.ordinal === 0
                ? (passage.text.slice(0, span.end - passage.start).split('\n')[0] ?? '')
                : (leads.get(article.id) ?? ''),
              article.title,
              article.source ?? '',
            ],
            tokensOf,
          ),
          articleTerms: articleTerms.get(article.id) ?? around,
          contextCoverage: ownCoverageOf(nearby, weights),
          knownContextCoverage: ownCoverageOf(nearby, weights, absentShare),
          trimmed,
          previous,
          next,
          score,
        });
      });
    }
  });
  return candidates.sort((a, b) => b.score - a.score);
}

const STANDS_FOR = /\b(?:stands?|stood) for\b|\bshort for\b|\bacronym\b/iu;

interface Acronym {
  /** Its letters, lower case ("halt"). */
  letters: string;
  /** Its index term. */
  term: string;
}

/** The words of `question` written in capitals ("HALT", "ATF") that are terms of the question. */
function acronymsOf(question: string, weights: TermWeights): Acronym[] {
  return [...question.matchAll(/\b\p{Lu}{2,}\b/gu)].flatMap(([word]) => {
    const term = tokenize(word)[0];
    return term !== undefined && weights.weights.has(term) ? [{ letters: word.toLowerCase(), term }] : [];
  });
}

/** The terms of the acronyms `sentence` spells out without writing them. */
function spelledOut(sentence: string, terms: ReadonlySet<string>, acronyms: readonly Acronym[]): string[] {
  const missing = acronyms.filter((a) => !terms.has(a.term));
  if (missing.length === 0) return [];
  const initials = listInitialsOf(sentence);
  return missing.filter((a) => initials.has(a.letters)).map((a) => a.term);
}

/**
 * What a question term no passage holds weighs in the gate: one such word in a long question is a
 * nickname or a typo ("jwz") and is discounted; several, or one in a short question, mean the question
 * is about something the store does not cover, and they keep their full weight.
 */
function absentTermShareOf(weights: TermWeights, tuning: AnswerTuning): number {
  const own = [...weights.own];
  const absent = own.filter((t) => weights.absent?.has(t)).length;
  return own.length > 0 && absent / own.length <= tuning.maxAbsentTermsShare ? tuning.absentTermShare : 1;
}

/**
 * The sentence, or its clauses that carry the question when it is long. A cut that would lose some of
 * the question's words ("Even with … in place, a team of 10–12 has one or two members who …" cut to its
 * opening clause) keeps the whole sentence when it fits `maxWholeSentenceChars`.
 */
function quoteOf(full: string, weights: TermWeights, tuning: AnswerTuning): string {
  const cut = trimToClauses(full, weights, tuning.maxQuoteChars);
  if (cut === full || full.length > tuning.maxWholeSentenceChars) return cut;
  const held = (s: string) => coverageOf(new Set(tokenize(s)), weights);
  return held(cut) < held(full) ? full : cut;
}

/**
 * `tokenize` kept per distinct text for one `candidateSentences` call: every sentence is read with its
 * article's title, outlet and lead and its neighbours, so without it each of those was tokenised again
 * for every sentence (docs/BENCHMARKS.md, Slack load). Bounded by the call: it holds the texts of the
 * top passages (`AnswerTuning.passages`, with their copies) and goes when the call returns. The lists
 * are shared, so they are read only.
 */
function tokenMemo(): (text: string) => readonly string[] {
  const kept = new Map<string, readonly string[]>();
  return (text) => {
    let terms = kept.get(text);
    if (terms === undefined) {
      terms = tokenize(text);
      kept.set(text, terms);
    }
    return terms;
  };
}

function neighbour(sentence: string, joined: string): Neighbour | null {
  if (joined.length > MAX_JOINED_CHARS || joined.includes('\n') || !isStatement(sentence)) return null;
  return { sentence, joined };
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

/**
 * Headings, questions and fragments are not answers. A line without a closing stop is a statement
 * when it is long, or written as a sentence rather than a heading: blogs and release notes leave the
 * stop off list items ("Thanks to Ana, users can now import logins from Vault into Firefox"), while a
 * heading capitalises its words ("How to Throw a Graduation Party on a Budget") or is short.
 */
export function isStatement(sentence: string): boolean {
  if (sentence.length < 30 || sentence.endsWith('?')) return false;
  return /[.!"”’)]$/u.test(sentence) || sentence.length > 120 || inSentenceCase(sentence);
}

const SENTENCE_CASE_MIN_WORDS = 8;

/**
 * A link to another story, as news pages print them between paragraphs: a kicker glued to the
 * headline ("PARTY TIME:Team celebrates…", "From 2017:Agency plans…"), or a kicker in capitals.
 */
const STORY_LINK = /^[\p{Lu}\d\s'’&-]+:|[\p{L}\d]:\p{Lu}/u;

/**
 * At least `SENTENCE_CASE_MIN_WORDS` words, and most after the first not capitalised; not the lead-in
 * to a list (it ends with a colon) nor a link to another story.
 */
function inSentenceCase(line: string): boolean {
  if (line.endsWith(':') || STORY_LINK.test(line)) return false;
  const words = line.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  if (words.length < SENTENCE_CASE_MIN_WORDS) return false;
  const capitalised = words.slice(1).filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return capitalised * 2 < words.length - 1;
}
