/**
 * @module eval/rtqa/briefbot-system
 * Briefbot as the system under test: the timed retrieval call (query understanding, term weights,
 * passage retrieval, article ranking; fused with vector search under `--model` with an embedding
 * model) and the full answer through `createBriefing`, with each citation checked against the cited
 * article's stored text.
 */
import { silentLogger } from '../../src/adapters/log/json-logger.js';
import type { ModelServices } from '../../src/compose-model.js';
import type { Answer } from '../../src/core/answer.js';
import type { Briefing } from '../../src/core/briefing.js';
import { createBriefing } from '../../src/core/create-briefing.js';
import type { ArticleStore, Clock } from '../../src/core/ports.js';
import { understandQuestion } from '../../src/core/query.js';
import { retrievePassages, termWeights } from '../../src/core/retrieve-passages.js';
import { rankArticles } from '../../src/core/search-articles.js';
import { type HybridVectors, hybridPassages } from '../../src/core/vector-search.js';

/** Passages asked of retrieval: enough for ten distinct pages, as `searchArticles` asks for. */
export const RETRIEVAL_PASSAGES = 40;

export interface BriefbotRanking {
  /** Article ids, best first. */
  articleIds: string[];
  /** Texts of the retrieved passages, best first (for the multiple-choice rule). */
  passageTexts: string[];
  ms: number;
}

/** Without `vectors`, BM25 retrieval as offline; with them, fused with vector search as `ask` does. */
export async function rankWithBriefbot(
  store: ArticleStore,
  question: string,
  now: Date,
  vectors: HybridVectors | null = null,
): Promise<BriefbotRanking> {
  const started = performance.now();
  const query = understandQuestion(question, now);
  const weights = await termWeights(store, query);
  let ranked = await retrievePassages(store, query, weights, RETRIEVAL_PASSAGES);
  if (vectors) {
    ranked = await hybridPassages(
      store,
      vectors,
      query,
      question,
      weights,
      ranked,
      RETRIEVAL_PASSAGES,
      silentLogger,
    );
  }
  const articleIds = rankArticles(ranked);
  const ms = performance.now() - started;
  return { articleIds, passageTexts: ranked.map((p) => p.passage.text), ms };
}

/** A clock whose time the harness sets to each question's date. */
export function settableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next) {
      now = new Date(next);
    },
  };
}

/** The briefing as `brief ask` builds it: extractive, or with the configured model and vectors. */
export function createEvalBriefing(
  store: ArticleStore,
  clock: Clock,
  model: Pick<ModelServices, 'answerModel' | 'vectors'> | null = null,
  modelPassages?: number,
): Briefing {
  return createBriefing({
    store,
    clock,
    logger: silentLogger,
    ...(model?.answerModel ? { answerModel: model.answerModel } : {}),
    ...(model?.vectors ? { vectors: model.vectors } : {}),
    ...(modelPassages ? { modelPassages } : {}),
  });
}

export interface CheckedCitation {
  articleId: string;
  quote: string;
  valid: boolean;
}

/** Each citation's quote must occur verbatim in the stored text of the article it names. */
export function checkCitations(
  answer: Answer,
  textOf: (articleId: string) => string | null,
): CheckedCitation[] {
  return answer.citations.map((c) => ({
    articleId: c.articleId,
    quote: c.quote,
    valid: c.quote.length > 0 && (textOf(c.articleId)?.includes(c.quote) ?? false),
  }));
}
