/**
 * @module core/answer
 * What the bot says back: an answer whose sentences carry numbered citations, or an explicit
 * abstention that may list the closest sources. Renderers (Slack, Discord, console, JSON) read this.
 */
import { type Citation, toCitationJson } from './article.js';

export interface AnswerSentence {
  /** The sentence as shown, without its markers. */
  text: string;
  /** Citation numbers, ascending: rendered as "[1][3]". */
  citations: number[];
}

export interface Answer {
  question: string;
  /** The whole answer with its [n] markers, ready to print. */
  answer: string;
  abstained: boolean;
  mode: 'extractive' | 'llm';
  sentences: AnswerSentence[];
  citations: Citation[];
  /** Sources disagree on a fact; the sentences cite each side. */
  disagreement: boolean;
  /** A short remark for the reader, e.g. why the model was not used this time. */
  note: string | null;
}

/** One earlier exchange in a thread, used to understand follow-up questions. */
export interface ConversationTurn {
  /** The question as the core read it (pronouns of a follow-up resolved). */
  question: string;
  answer: string;
  /**
   * What the turn was about and who its answer named, for resolving the next follow-up. Absent in
   * turns stored before it existed and in digest turns: it is then derived from the text.
   */
  context?: TurnContext;
}

/** The kind of reply a conversation turn got. */
export type ReplyKind = 'answer' | 'briefing' | 'coverage' | 'chat' | 'clarify';

export interface TurnContext {
  kind: ReplyKind;
  /** The thing asked about, as a phrase ("the AWS deal"), or null. */
  subject: string | null;
  /** People named in the question and the answer, the most likely referent of "he"/"she" first. */
  people: { name: string; gender: 'male' | 'female' | null }[];
  /** Organisations named in the question and the answer, the most likely referent first. */
  organisations: string[];
  /** For a briefing: its topic, window and the stories shown so far, so "more" continues it. */
  briefing?: { topic: string | null; days: number; shown: string[] };
}

/** The `brief ask --json` shape: a stable interface. */
export function toAskJson(answer: Answer) {
  return {
    question: answer.question,
    answer: answer.answer,
    abstained: answer.abstained,
    mode: answer.mode,
    citations: answer.citations.map(toCitationJson),
  };
}

/** Renders sentences as "Text [1][2] Text [3]". */
export function joinSentences(sentences: AnswerSentence[]): string {
  return sentences
    .map((s) => `${s.text}${s.citations.length ? ' ' : ''}${s.citations.map((n) => `[${n}]`).join('')}`)
    .join(' ');
}
