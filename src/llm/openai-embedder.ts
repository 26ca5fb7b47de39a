/**
 * @module llm/openai-embedder
 * The Embedder port on the openai SDK's embeddings endpoint (base64 float32 on the wire, decoded by
 * the SDK). Batches at ingest are retried with exponential backoff on 429, 5xx and timeouts; a query
 * embedding is tried once. A circuit breaker and the shared token budget bound the cost.
 */
import OpenAI from 'openai';
import { APIError } from 'openai/error';
import { AnswerModelError, type Embedder } from '../core/answer-model.js';
import type { Clock, Logger } from '../core/ports.js';
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
import { mapOpenAiError } from './map-openai-error.js';
import { OPENAI_BASE_URL } from './openai-answer-model.js';
import { estimateTokens, type TokenBudget } from './token-budget.js';

export interface OpenAiEmbedderOptions {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  budget?: TokenBudget | undefined;
  clock: Clock;
  logger: Logger;
  /** Retries of a failed batch (default 4): waits 1 s, 2 s, 4 s, 8 s (with jitter). */
  retries?: number;
  baseDelayMs?: number;
  /** Injected so tests do not wait; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Ask for plain float arrays instead of base64 (some compatible servers only send floats). */
  encodingFormat?: 'base64' | 'float';
  breaker?: CircuitBreaker;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });
  // Opens only after a whole batch's retries have failed, so that backoff gets its chance first.
  const breaker =
    options.breaker ??
    createCircuitBreaker({ clock: options.clock, failureThreshold: (options.retries ?? 4) + 1 });
  const sleep = options.sleep ?? defaultSleep;
  const baseDelayMs = options.baseDelayMs ?? 1000;

  async function once(texts: readonly string[]): Promise<Float32Array[]> {
    const estimate = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
    if (options.budget && !options.budget.allows(estimate)) {
      throw new AnswerModelError('budget', "Today's token budget is used up");
    }
    if (!breaker.allow()) throw new AnswerModelError('circuit_open', 'Embeddings are paused after failures');
    try {
      const response = await client.embeddings.create({
        model: options.model,
        input: [...texts],
        ...(options.encodingFormat ? { encoding_format: options.encodingFormat } : {}),
      });
      const vectors = [...response.data]
        .sort((a, b) => a.index - b.index)
        .map((d) => Float32Array.from(d.embedding));
      if (vectors.length !== texts.length) {
        throw new AnswerModelError(
          'malformed',
          `Asked for ${texts.length} embeddings, got ${vectors.length}`,
        );
      }
      breaker.succeeded();
      options.budget?.record(response.usage?.total_tokens ?? estimate);
      return vectors;
    } catch (error) {
      breaker.failed();
      throw mapOpenAiError(error);
    }
  }

  return {
    model: options.model,
    async embed(texts, embedOptions = {}) {
      if (texts.length === 0) return [];
      const retries = embedOptions.retries ?? options.retries ?? 4;
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(texts);
        } catch (error) {
          const mapped = mapOpenAiError(error);
          if (!mapped.retryable || attempt >= retries) throw mapped;
          const delay = Math.max(
            baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5),
            retryAfterMs(mapped.cause),
          );
          options.logger.warn('embedding batch failed; retrying', {
            reason: mapped.reason,
            attempt: attempt + 1,
            delayMs: Math.round(delay),
          });
          await sleep(delay);
        }
      }
    },
  };
}

/** The server's Retry-After (seconds or an HTTP date), capped at a minute; 0 when absent. */
function retryAfterMs(cause: unknown): number {
  if (!(cause instanceof APIError)) return 0;
  const header = cause.headers?.get('retry-after');
  if (!header) return 0;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : 0;
}
