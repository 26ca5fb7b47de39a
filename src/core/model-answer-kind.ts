/**
 * @module core/model-answer-kind
 * The reader's kind judgments applied to a model's answer: a sentence that states an answer of the
 * kind asked for (a name for "who", a date for "when", a count for "how many") must quote it, as a
 * figure must be quoted; and an answer whose cited passages give no answer of that kind at all does
 * not answer the question, however well its quotes carry its words (a near miss, as the extractive
 * gate would call it).
 */

import { withoutInvisible } from './locate-quote.js';
import { hasAnswerSpan, kindOfQuestion, type ReaderKind } from './reader/answer-kind.js';
import type { SentenceReader } from './reader/answer-spans.js';
import { sameAnswer } from './reader/other-answer.js';
import { tokenize } from './text/tokenize.js';

/** The question and the reader that judges kinds of answer (compromise, `loadSentenceReader`). */
export interface AnswerJudge {
  question: string;
  kind: ReaderKind;
  reader: SentenceReader;
}

/**
 * The judge for `question`, or null when its kind of answer is not one the reader checks: names,
 * figures and dates the reader finds in a passage (`hasAnswerSpan`), but not reasons (a model may give
 * a cause in its own words, without the passage's "because").
 */
export function judgeFor(question: string, reader: SentenceReader): AnswerJudge | null {
  const kind = kindOfQuestion(question);
  return hasAnswerSpan(kind) && kind !== 'reason' ? { question, kind, reader } : null;
}

/**
 * An answer of the kind asked for that `text` states and none of `quotes` holds ("Marcus Hale will
 * chair the board" citing "Lena Ortiz will chair the board"), or null.
 */
export function unquotedAnswer(text: string, quotes: readonly string[], judge: AnswerJudge): string | null {
  const { reader, kind, question } = judge;
  const quoted = quotes.map(withoutInvisible);
  const words = new Set(quoted.flatMap((q) => tokenize(q)));
  const spans = quoted.flatMap((q) => reader.answersOf(q, kind, question));
  for (const claim of reader.claimsOf(text, kind, question)) {
    const terms = tokenize(claim);
    const inWords = terms.length > 0 && terms.every((t) => words.has(t));
    if (!inWords && !spans.some((s) => sameAnswer(s, claim))) return claim;
  }
  return null;
}

/** Some passage of `passages` gives an answer of the kind asked for. */
export function givesAnswerOfKind(passages: readonly string[], judge: AnswerJudge): boolean {
  return passages.some((p) => judge.reader.answersOf(p, judge.kind, judge.question).length > 0);
}
