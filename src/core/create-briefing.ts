/**
 * @module core/create-briefing
 * Builds the Briefing from its ports: questions go through query understanding, retrieval (BM25, fused
 * with vector search when configured) and the extractive composer; with an AnswerModel, the model
 * writes the answer from the same passages, verified, with the extractive answer as the fallback.
 */
import type { Answer } from './answer.js';
import type { AnswerModel } from './answer-model.js';
import { answerWithModel } from './answer-with-model.js';
import type { Briefing } from './briefing.js';
import { type AnswerTuning, composeExtractiveAnswer, DEFAULT_ANSWER } from './compose-answer.js';
import { briefNews, DEFAULT_NEWS, type NewsTuning } from './conversation/brief-news.js';
import { exampleQuestions } from './conversation/small-talk.js';
import { findStory } from './conversation/story-coverage.js';
import { nothingIndexedAnswer } from './nothing-indexed.js';
import { screenPassages } from './planted-instructions.js';
import type { ArticleStore, Clock, Logger } from './ports.js';
import { understandQuestion } from './query.js';
import { loadSentenceReader, type SentenceReader } from './reader/answer-spans.js';
import {
  DEFAULT_RETRIEVAL,
  findPassagesAbout,
  type RetrievalTuning,
  retrievePassages,
  termWeights,
} from './retrieve-passages.js';
import { searchArticles } from './search-articles.js';
import { type HybridVectors, hybridPassages } from './vector-search.js';

const DECLINE_TERMS = ['disclos', 'undisclos', 'reveal'];

export interface BriefingDeps {
  store: ArticleStore;
  clock: Clock;
  logger: Logger;
  retrieval?: RetrievalTuning;
  answering?: AnswerTuning;
  /** Writes answers from the retrieved passages; without it, answers are extractive. */
  answerModel?: AnswerModel;
  /** Passages given to the model (OPENAI_MAX_PASSAGES); default 8. */
  modelPassages?: number;
  /** At most one AskOptions.onProgress call per this many milliseconds; default 1000. */
  progressIntervalMs?: number;
  /** Vector search fused with BM25; without it, retrieval is BM25 only. */
  vectors?: HybridVectors;
  /** Chat briefings ("what's new?"); default DEFAULT_NEWS. */
  news?: NewsTuning;
  /** Loads the sentence reader once, on the first question; default compromise's (docs/NLP.md). */
  loadReader?: () => Promise<SentenceReader>;
}

export function createBriefing(deps: BriefingDeps): Briefing {
  const retrieval = deps.retrieval ?? DEFAULT_RETRIEVAL;
  const answering = deps.answering ?? DEFAULT_ANSWER;
  return {
    async ask(question, options = {}): Promise<Answer> {
      const history = options.history ?? [];
      const query = understandQuestion(question, deps.clock.now(), history);
      // Read from the store's cached passage count: an empty store is not searched at all.
      if ((await deps.store.documentFrequencies([])).total === 0) return nothingIndexedAnswer(question);
      const weights = await termWeights(deps.store, query, retrieval);
      let ranked = await retrievePassages(deps.store, query, weights, answering.passages, retrieval);
      if (deps.vectors) {
        // A follow-up's meaning leans on the question before it.
        const context = query.contextTerms.length > 0 ? (history.at(-1)?.question ?? '') : '';
        const text = `${context} ${question}`.trim();
        const { store, vectors, logger } = deps;
        ranked = await hybridPassages(
          store,
          vectors,
          query,
          text,
          weights,
          ranked,
          answering.passages,
          logger,
        );
      }
      // Reports that decline to give a figure rarely repeat the question's words: look for them apart.
      let counterpoints =
        query.kind === 'amount'
          ? await findPassagesAbout(deps.store, DECLINE_TERMS, weights, answering.minOtherSideCoverage, 4)
          : [];
      // Passages that read as instructions to an assistant are never quoted nor given to a model.
      const screened = screenPassages(ranked);
      const screenedCounterpoints = screenPassages(counterpoints);
      ranked = screened.kept;
      if (screened.flagged + screenedCounterpoints.flagged > 0)
        deps.logger.warn('passages read as instructions to an assistant were set aside', {
          flagged: screened.flagged + screenedCounterpoints.flagged,
        });
      counterpoints = screenedCounterpoints.kept;
      const reader = await (deps.loadReader ?? loadSentenceReader)();
      const extractive = composeExtractiveAnswer(query, ranked, weights, answering, counterpoints, reader);
      const answer =
        deps.answerModel && query.terms.length > 0
          ? await answerWithModel(question, options, ranked, counterpoints, extractive, {
              model: deps.answerModel,
              clock: deps.clock,
              logger: deps.logger,
              maxPassages: deps.modelPassages ?? 8,
              progressIntervalMs: deps.progressIntervalMs ?? 1000,
              reader,
            })
          : extractive;
      deps.logger.debug('answered', {
        kind: query.kind,
        mode: answer.mode,
        abstained: answer.abstained,
        citations: answer.citations.length,
      });
      return answer;
    },
    search: (terms, limit = 10) => searchArticles(deps.store, deps.clock, terms, limit),
    sources: () => deps.store.stats(),
    stories: {
      news: (request) => briefNews(deps.store, deps.clock.now(), request, deps.news ?? DEFAULT_NEWS),
      findStory: (topic) => findStory(deps.store, deps.clock, topic),
      examples: () => exampleQuestions(deps.store, deps.clock.now()),
    },
  };
}
