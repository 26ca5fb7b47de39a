/**
 * @module llm/openai-embedder
 * The Embedder port on the openai SDK's embeddings endpoint. Asks for floats, since many compatible
 * servers ignore `encoding_format` and send floats anyway; a base64 reply is decoded here. Vectors that
 * cannot be right (all zeros, not finite, of the wrong width) are refused, so none is stored. Batches at
 * ingest are retried with exponential backoff on 429, 5xx and timeouts; a query embedding is tried once.
 * A circuit breaker and the shared token budget bound the cost.
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
  /**
   * The width vectors must have, e.g. the stored index's for this model (null when nothing is stored).
   * Without it, the first reply's width is expected from then on.
   */
  dimensions?: () => number | null | Promise<number | null>;
  breaker?: CircuitBreaker;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const baseURL = options.baseURL ?? OPENAI_BASE_URL;
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    baseURL,
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
  let seenWidth: number | null = null;

  async function once(texts: readonly string[]): Promise<Float32Array[]> {
    const estimate = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
    if (options.budget && !options.budget.allows(estimate)) {
      throw new AnswerModelError('budget', "Today's token budget is used up");
    }
    if (!breaker.allow()) throw new AnswerModelError('circuit_open', 'Embeddings are paused after failures');
    try {
      // Left out, the SDK asks for base64 and decodes whatever comes back as base64: a server that
      // ignores the format and sends floats would yield vectors a quarter as wide, all zeros.
      const response = await client.embeddings.create({
        model: options.model,
        input: [...texts],
        encoding_format: 'float',
      });
      const vectors = [...response.data]
        .sort((a, b) => a.index - b.index)
        .map((d) => toVector(d.embedding as unknown));
      if (vectors.length !== texts.length) {
        throw new AnswerModelError(
          'malformed',
          `Asked for ${texts.length} embeddings, got ${vectors.length}`,
        );
      }
      const width = (await options.dimensions?.()) ?? seenWidth ?? vectors[0]?.length ?? 0;
      checkVectors(vectors, width);
      seenWidth = width;
      breaker.succeeded();
      options.budget?.record(response.usage?.total_tokens ?? estimate);
      return vectors;
    } catch (error) {
      breaker.failed();
      throw mapOpenAiError(error, false, baseURL);
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
          const mapped = mapOpenAiError(error, false, baseURL);
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

/** A float array, or float32 little-endian in base64 (a server that sends it whatever was asked). */
function toVector(embedding: unknown): Float32Array {
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.length % 4 !== 0) throw new AnswerModelError('malformed', 'A base64 embedding is not float32');
    // Copied, so the floats are aligned whatever the Buffer's offset in its pool.
    return new Float32Array(new Uint8Array(bytes).buffer);
  }
  if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number')) {
    return Float32Array.from(embedding);
  }
  throw new AnswerModelError('malformed', 'An embedding is neither a float array nor base64');
}

/** Refuses vectors that would be stored and then silently match nothing (or everything). */
function checkVectors(vectors: readonly Float32Array[], width: number): void {
  for (const vector of vectors) {
    if (vector.length !== width) {
      throw new AnswerModelError(
        'malformed',
        `An embedding has ${vector.length} dimensions where ${width} were expected (the batch's or the index's)`,
      );
    }
    if (!vector.every(Number.isFinite)) throw new AnswerModelError('malformed', 'An embedding is not finite');
    if (vector.every((x) => x === 0)) throw new AnswerModelError('malformed', 'An embedding is all zeros');
  }
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
