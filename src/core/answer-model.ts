/**
 * @module core/answer-model
 * The ports to a language model (answers, digest stories, embeddings) and what they return. Nothing a
 * model says is trusted: every claim carries a passage number and a quote that the core verifies.
 */

import type { ConversationTurn } from './answer.js';
import { LlmError } from './errors.js';

/** A passage as shown to the model, numbered from 1. Its text is a verbatim slice of the article. */
export interface ModelPassage {
  n: number;
  title: string;
  source: string | null;
  publishedAt: string | null;
  text: string;
}

/** A claim that passage `passage` supports a sentence, with the words that show it. */
export interface ModelCitation {
  passage: number;
  quote: string;
}

export interface ModelSentence {
  text: string;
  citations: ModelCitation[];
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ModelAnswerDraft {
  sentences: ModelSentence[];
  /** The model says the passages disagree; kept only when verified sentences cite both sides. */
  disagreement: boolean;
  /** The model says the passages do not answer the question. */
  cannotAnswer: boolean;
  usage: TokenUsage | null;
}

export interface ModelAnswerRequest {
  question: string;
  /** Earlier turns of the thread, oldest first. */
  history: ConversationTurn[];
  passages: ModelPassage[];
  /** ISO time, so that "latest" and "this week" mean something to the model. */
  now: string;
  /**
   * Called while the model writes, each time it finishes a sentence, with the sentences finished so
   * far and their citations (unverified: the core verifies them before showing any as a draft).
   */
  onPartial?: (sentences: ModelSentence[]) => void;
}

export interface ModelStoryRequest {
  passages: ModelPassage[];
}

export interface ModelStoryDraft {
  headline: ModelSentence;
  summary: ModelSentence[];
  usage: TokenUsage | null;
}

/**
 * A language model that writes cited answers and digest stories. Implementations throw
 * AnswerModelError; they never return text the core has not asked for.
 */
export interface AnswerModel {
  /** Model name, for logs. */
  readonly name: string;
  answer(request: ModelAnswerRequest): Promise<ModelAnswerDraft>;
  writeStory(request: ModelStoryRequest): Promise<ModelStoryDraft>;
}

/** Turns texts into vectors for hybrid retrieval. Implementations throw AnswerModelError. */
export interface Embedder {
  /** Vectors from different models are not comparable: the index is keyed by this name. */
  readonly model: string;
  /** One vector per text, same order. `retries` overrides the implementation's default. */
  embed(texts: readonly string[], options?: { retries?: number }): Promise<Float32Array[]>;
}

/** Why the model was not used; each reason has its own note for the reader. */
export type ModelFailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'unavailable'
  | 'rejected'
  | 'malformed'
  | 'circuit_open'
  | 'budget';

/** A model call that failed for a known reason. */
export class AnswerModelError extends LlmError {
  readonly reason: ModelFailureReason;
  /** What a person is told instead of the reason's usual words (the unreachable server, by host). */
  readonly told: string | null;
  constructor(reason: ModelFailureReason, message: string, options?: { cause?: unknown; told?: string }) {
    super(message, reason === 'timeout' || reason === 'rate_limited' || reason === 'unavailable', options);
    this.name = 'AnswerModelError';
    this.reason = reason;
    this.told = options?.told ?? null;
  }
}

const WHY: Record<ModelFailureReason, string> = {
  timeout: 'The language model did not answer in time',
  rate_limited: 'The language model is busy right now',
  unavailable: 'The language model is unavailable right now',
  rejected: 'The language model could not take this question',
  malformed: 'The language model gave an answer that could not be read',
  circuit_open: 'The language model is paused after repeated failures',
  budget: "Today's language model budget is used up",
};

/** The short note shown with an extractive answer given instead of the model's. */
export function fallbackNote(error: unknown, abstained: boolean): string {
  const why =
    error instanceof AnswerModelError ? (error.told ?? WHY[error.reason]) : 'The language model failed';
  return abstained
    ? `${why}; the articles were searched without it.`
    : `${why}; this answer is quoted from the articles.`;
}
