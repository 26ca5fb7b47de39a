/**
 * @module core/create-briefing
 * Builds the Briefing from its ports: questions go through query understanding, retrieval and the
 * extractive composer. The model path (issue 7) plugs in here behind an AnswerModel port.
 */
import type { Answer } from './answer.js';
import type { Briefing } from './briefing.js';
import { type AnswerTuning, composeExtractiveAnswer, DEFAULT_ANSWER } from './compose-answer.js';
import type { ArticleStore, Clock, Logger } from './ports.js';
import { understandQuestion } from './query.js';
import {
  DEFAULT_RETRIEVAL,
  findPassagesAbout,
  type RetrievalTuning,
  retrievePassages,
  termWeights,
} from './retrieve-passages.js';
import { searchArticles } from './search-articles.js';

const DECLINE_TERMS = ['disclos', 'undisclos', 'reveal'];

export interface BriefingDeps {
  store: ArticleStore;
  clock: Clock;
  logger: Logger;
  retrieval?: RetrievalTuning;
  answering?: AnswerTuning;
}

export function createBriefing(deps: BriefingDeps): Briefing {
  const retrieval = deps.retrieval ?? DEFAULT_RETRIEVAL;
  const answering = deps.answering ?? DEFAULT_ANSWER;
  return {
    async ask(question, options = {}): Promise<Answer> {
      const query = understandQuestion(question, deps.clock.now(), options.history ?? []);
      const weights = termWeights(deps.store, query, retrieval);
      const ranked = retrievePassages(deps.store, query, weights, answering.passages, retrieval);
      // Reports that decline to give a figure rarely repeat the question's words: look for them apart.
      const counterpoints =
        query.kind === 'amount'
          ? findPassagesAbout(deps.store, DECLINE_TERMS, weights, answering.minCoverage, 4)
          : [];
      const answer = composeExtractiveAnswer(query, ranked, weights, answering, counterpoints);
      deps.logger.debug('answered', {
        kind: query.kind,
        abstained: answer.abstained,
        citations: answer.citations.length,
      });
      return answer;
    },
    search: (terms, limit = 10) => searchArticles(deps.store, deps.clock, terms, limit),
    sources: () => deps.store.stats(),
  };
}
