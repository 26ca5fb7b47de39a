/**
 * @module core/verify-model-answer
 * Verification of a model's answer before anything is posted: each citation must name a passage that
 * was given and quote it (found after normalisation, replaced by the passage's own words), the quote
 * must not read as instructions to an assistant, and each sentence must be carried by its quotes: at
 * least two content words, most of them (or their synonyms) and every figure in what it quotes. A
 * model that obeys a planted "reply 'PWNED'" is stopped twice: such a quote is refused, and "PWNED"
 * is not a claim. Bad citations are removed, unsupported sentences dropped. Given the reader's kind
 * judgments (`model-answer-kind.ts`), a sentence must also quote the answer of the kind asked for that
 * it states (a name, a date, a count), and the answer is marked as not answering when none of the
 * passages its sentences cite gives an answer of that kind.
 */
import { type Answer, type AnswerSentence, joinSentences } from './answer.js';
import type { ModelAnswerDraft, ModelSentence } from './answer-model.js';
import type { ArticleRef, Citation } from './article.js';
import { toCitation } from './article.js';
import { locateQuote, withoutInvisible } from './locate-quote.js';
import { type AnswerJudge, givesAnswerOfKind, unquotedAnswer } from './model-answer-kind.js';
import { readsAsInstructions } from './planted-instructions.js';
import { copiesOfOneStory, without } from './text/same-story.js';
import { variantsOf } from './text/synonyms.js';
import { tokenize } from './text/tokenize.js';
import { DEFAULT_ANSWER } from './tuning.js';

/** A passage the model was given, under the number it was given as. */
export interface GivenPassage {
  n: number;
  article: ArticleRef;
  /** A verbatim slice of the article's stored text. */
  text: string;
}

export interface VerifiedSource {
  passage: number;
  article: ArticleRef;
  /** The passage's own words: occurs verbatim in the article. */
  quote: string;
}

export interface VerifiedSentence {
  text: string;
  sources: VerifiedSource[];
}

export type DropReason =
  | 'no_valid_citation'
  | 'unsupported'
  | 'answer_not_quoted'
  | 'instruction'
  | 'mention'
  | 'link'
  | 'too_long'
  | 'empty';
export type CitationProblem = 'unknown_passage' | 'quote_not_found' | 'instruction';

export interface Verification {
  sentences: VerifiedSentence[];
  dropped: { text: string; reason: DropReason }[];
  removedCitations: { passage: number; quote: string; problem: CitationProblem }[];
  /**
   * The model flagged a disagreement and the kept sentences cite at least two articles that are not
   * copies of one story.
   */
  disagreement: boolean;
  /**
   * Some passage the kept sentences cite gives an answer of the kind asked for (always true without a
   * judge, or for a kind the reader does not check). False: the answer does not answer the question.
   */
  answersQuestion: boolean;
}

export interface VerificationTuning {
  /** Share of a sentence's terms (or their synonyms) that its quotes must contain. */
  minSupport: number;
  /** Content words a sentence needs to be a claim at all ("PWNED" alone is none). */
  minTerms: number;
  maxSentenceChars: number;
  maxSentences: number;
  /** Word-trigram Jaccard above which two cited articles are copies of one story (`copyJaccard`). */
  copyJaccard: number;
}

export const DEFAULT_VERIFICATION: VerificationTuning = {
  minSupport: 0.5,
  minTerms: 2,
  maxSentenceChars: 400,
  maxSentences: 6,
  copyJaccard: DEFAULT_ANSWER.copyJaccard,
};

const MENTION = /@(everyone|here|channel)\b|<[@!#][^>]*>/i;
const LINK = /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+/gi;

/**
 * @param judge the question's kind of answer and the reader that finds it (`judgeFor`); without one,
 *   sentences are checked for their words and figures only.
 */
export function verifyModelAnswer(
  draft: ModelAnswerDraft,
  passages: GivenPassage[],
  tuning: VerificationTuning = DEFAULT_VERIFICATION,
  judge: AnswerJudge | null = null,
): Verification {
  const result = verifySentences(draft.sentences, passages, tuning, judge);
  const sources = result.sentences.flatMap((s) => s.sources);
  const cited = passages.filter((p) => sources.some((s) => s.passage === p.n));
  return {
    ...result,
    disagreement: draft.disagreement && storiesCited(cited, sources, tuning) >= 2,
    answersQuestion:
      judge === null ||
      givesAnswerOfKind(
        cited.map((p) => p.text),
        judge,
      ),
  };
}

/**
 * How many stories the cited passages come from: articles whose cited text, beside what is quoted,
 * is nearly the same are copies of one story (a syndicated report and its update), one source.
 */
function storiesCited(cited: GivenPassage[], sources: VerifiedSource[], tuning: VerificationTuning): number {
  const rest = new Map<string, string>();
  for (const p of cited) {
    const quotes = sources.filter((s) => s.passage === p.n).map((s) => s.quote);
    rest.set(p.article.id, `${rest.get(p.article.id) ?? ''} ${without(p.text, quotes)}`);
  }
  const stories: string[] = [];
  for (const [id, text] of rest) {
    if (!stories.some((other) => copiesOfOneStory(rest.get(other) ?? '', text, tuning.copyJaccard)))
      stories.push(id);
  }
  return stories.length;
}

export function verifySentences(
  sentences: ModelSentence[],
  passages: GivenPassage[],
  tuning: VerificationTuning = DEFAULT_VERIFICATION,
  judge: AnswerJudge | null = null,
): Omit<Verification, 'disagreement' | 'answersQuestion'> {
  const byNumber = new Map(passages.map((p) => [p.n, p]));
  const kept: VerifiedSentence[] = [];
  const dropped: Verification['dropped'] = [];
  const removedCitations: Verification['removedCitations'] = [];
  for (const sentence of sentences.slice(0, tuning.maxSentences)) {
    const text = sentence.text
      .replace(/\s*\[\d+\]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const sources: VerifiedSource[] = [];
    for (const c of sentence.citations) {
      const passage = byNumber.get(c.passage);
      const quote = passage ? locateQuote(passage.text, c.quote) : null;
      if (!passage || quote === null) {
        removedCitations.push({ ...c, problem: passage ? 'quote_not_found' : 'unknown_passage' });
        continue;
      }
      // Retrieval sets such passages aside; a model given one anyway must not be backed by it.
      if (readsAsInstructions(passage.text) || readsAsInstructions(passage.article.title)) {
        removedCitations.push({ ...c, problem: 'instruction' });
        continue;
      }
      // The same words quoted twice (once with its full stop, say) are one citation: the longer.
      const same = sources.find(
        (s) => s.article.id === passage.article.id && (s.quote.includes(quote) || quote.includes(s.quote)),
      );
      if (!same) sources.push({ passage: passage.n, article: passage.article, quote });
      else if (quote.length > same.quote.length) same.quote = quote;
    }
    const reason = problemWith(text, sources, tuning, judge);
    if (reason) dropped.push({ text, reason });
    else kept.push({ text, sources });
  }
  return { sentences: kept, dropped, removedCitations };
}

function problemWith(
  text: string,
  sources: VerifiedSource[],
  tuning: VerificationTuning,
  judge: AnswerJudge | null,
): DropReason | null {
  if (text.length === 0) return 'empty';
  if (text.length > tuning.maxSentenceChars) return 'too_long';
  // Passages are untrusted: an article can carry "post @everyone", and a quote would then exist.
  if (MENTION.test(text)) return 'mention';
  if (readsAsInstructions(text)) return 'instruction';
  if (sources.length === 0) return 'no_valid_citation';
  const quotes = sources.map((s) => s.quote);
  for (const link of text.match(LINK) ?? []) if (!quotes.some((q) => q.includes(link))) return 'link';
  if (!supported(text, quotes, tuning.minSupport, tuning.minTerms)) return 'unsupported';
  // A name, date or count of the kind asked for is the answer: it must be quoted, like a figure.
  return judge && unquotedAnswer(text, quotes, judge) !== null ? 'answer_not_quoted' : null;
}

/**
 * The sentence is a claim (at least `minTerms` content words) and its quotes carry it: `minSupport`
 * of its terms, or their synonyms, are in them, and every figure is.
 */
export function supported(text: string, quotes: string[], minSupport: number, minTerms = 1): boolean {
  const terms = [...new Set(tokenize(text))];
  if (terms.length === 0 || terms.length < minTerms) return false;
  // A verbatim quote may hold soft hyphens ("mer\u00ADger"), which would split its words.
  const quoted = new Set(quotes.flatMap((q) => tokenize(withoutInvisible(q))));
  const found = terms.filter((t) => variantsOf(t).some((v) => quoted.has(v)));
  if (terms.some((t) => /\d/.test(t) && !quoted.has(t))) return false;
  return found.length / terms.length >= minSupport;
}

/** The verified sentences as an Answer, citations numbered in order of first use. */
export function renderVerifiedAnswer(question: string, verification: Verification): Answer {
  const citations: Citation[] = [];
  const numberOf = (s: VerifiedSource) => {
    const existing = citations.find((c) => c.articleId === s.article.id && c.quote === s.quote);
    if (existing) return existing.n;
    citations.push(toCitation(citations.length + 1, s.article, s.quote));
    return citations.length;
  };
  const sentences: AnswerSentence[] = verification.sentences.map((s) => ({
    text: s.text,
    citations: [...new Set(s.sources.map(numberOf))].sort((a, b) => a - b),
  }));
  const body = joinSentences(sentences);
  return {
    question,
    answer: verification.disagreement ? `Sources disagree. ${body}` : body,
    abstained: false,
    mode: 'llm',
    sentences,
    citations,
    disagreement: verification.disagreement,
    note: null,
  };
}
