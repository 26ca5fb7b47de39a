/**
 * @module compose-model
 * Part of the composition root (main.ts, and the evaluation's `--model`): builds the OpenAI-compatible answer model and,
 * with an embedding model configured, the vector index for hybrid retrieval. Without OPENAI_API_KEY or
 * OPENAI_BASE_URL nothing is built, and the openai SDK is never loaded.
 */
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { AnswerModel } from './core/answer-model.js';
import type { ArticleStore, Clock, Logger } from './core/ports.js';
import type { HybridVectors, VectorIndex } from './core/vector-search.js';

/** prompts/ beside src/ and dist/, so it is found from both. */
const PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

export interface ModelServices {
  answerModel: AnswerModel | null;
  vectors: HybridVectors | null;
  /** Embeds passages that have no vector yet (after an ingest); a no-op without vectors. */
  embedNew(store: ArticleStore): Promise<void>;
}

const NONE: ModelServices = { answerModel: null, vectors: null, embedNew: async () => {} };

export async function composeModel(
  config: Config,
  /** Opens the passage embedding index on the store's database (see store/open-stores.ts). */
  openVectorIndex: () => Promise<VectorIndex>,
  clock: Clock,
  logger: Logger,
): Promise<ModelServices> {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return NONE;
  const llm = await import('./llm/index.js');
  const budget =
    config.OPENAI_DAILY_TOKEN_BUDGET > 0
      ? llm.createTokenBudget({ dailyTokens: config.OPENAI_DAILY_TOKEN_BUDGET, clock })
      : undefined;
  const connection = {
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    budget,
    clock,
    logger,
  };
  const answerModel = llm.createOpenAiAnswerModel({
    ...connection,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
    promptsDir: PROMPTS_DIR,
  });
  if (!config.OPENAI_EMBEDDING_MODEL) return { ...NONE, answerModel };
  let vectors: HybridVectors;
  try {
    const index = await openVectorIndex();
    const embeddingModel = config.OPENAI_EMBEDDING_MODEL;
    vectors = {
      index,
      embedder: llm.createOpenAiEmbedder({
        ...connection,
        model: embeddingModel,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        // A reply of another width than the stored vectors' is refused, not stored (upserting it would
        // replace the whole index).
        dimensions: () => index.dimensions(embeddingModel),
      }),
    };
  } catch (error) {
    logger.warn('hybrid retrieval is off: the vector index could not be opened', { cause: error });
    return { ...NONE, answerModel };
  }
  const { embedPassages } = await import('./core/embed-passages.js');
  return {
    answerModel,
    vectors,
    async embedNew(store) {
      const result = await embedPassages(store, vectors.index, vectors.embedder, { logger });
      if (result.error)
        logger.warn('some passages were not embedded; they are found by BM25 only', { ...result });
    },
  };
}
