/**
 * @module llm
 * The OpenAI adapters' public surface for main.ts: the answer model, the embedder, and the shared
 * daily token budget.
 */
export { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
export { createOpenAiAnswerModel, type OpenAiAnswerModelOptions } from './openai-answer-model.js';
export { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';
export { createTokenBudget, type TokenBudget } from './token-budget.js';
