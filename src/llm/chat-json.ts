/**
 * @module llm/chat-json
 * One chat completion that must come back as a JSON object of a known shape, on any OpenAI-compatible
 * server: structured outputs (json_schema) first; where the server lacks them, JSON mode, then plain
 * text validated with zod; streaming where asked for and supported. What a server lacks is remembered.
 */
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { TokenUsage } from '../core/answer-model.js';
import { AnswerModelError } from '../core/answer-model.js';
import type { Logger } from '../core/ports.js';
import { extractJson } from './answer-schema.js';
import { lacksFeature } from './map-openai-error.js';

export type OutputMode = 'json_schema' | 'json_object' | 'text';

export interface ChatJsonRequest<T> {
  messages: ChatCompletionMessageParam[];
  /** Strict schema for structured outputs; every field required. */
  schema: z.ZodType<T>;
  /** Accepts what JSON-mode and plain-text replies tend to look like. */
  lenient: z.ZodType<T>;
  name: string;
  /** Stream the reply and call this with the text so far. */
  onSnapshot?: (content: string) => void;
  signal: AbortSignal;
}

export interface ChatJsonResult<T> {
  value: T;
  usage: TokenUsage | null;
  mode: OutputMode;
  streamed: boolean;
}

export interface ChatJsonOptions {
  client: OpenAI;
  model: string;
  maxOutputTokens: number;
  /** OpenAI itself wants max_completion_tokens; compatible servers know max_tokens. */
  tokenParam: 'max_tokens' | 'max_completion_tokens';
  logger: Logger;
}

const RESPONSE_FORMAT = /response_format|json_schema|json schema|structured|schema|grammar/i;
const JSON_MODE = /response_format|json_object|json mode|json/i;
const STREAMING = /stream/i;

export function createChatJson(options: ChatJsonOptions) {
  let mode: OutputMode = 'json_schema';
  let canStream = true;

  async function attempt<T>(request: ChatJsonRequest<T>, stream: boolean): Promise<ChatJsonResult<T>> {
    const base = {
      model: options.model,
      messages: request.messages,
      [options.tokenParam]: options.maxOutputTokens,
    };
    const format =
      mode === 'json_schema'
        ? { response_format: zodResponseFormat(request.schema, request.name) }
        : mode === 'json_object'
          ? { response_format: { type: 'json_object' as const } }
          : {};
    const params = { ...base, ...format };
    let completion: ChatCompletion & { choices: { message: { parsed?: unknown } }[] };
    if (stream) {
      const running = options.client.chat.completions.stream(
        { ...params, stream_options: { include_usage: true } },
        { signal: request.signal },
      );
      running.on('content.delta', ({ snapshot }) => request.onSnapshot?.(snapshot));
      completion = await running.finalChatCompletion();
    } else if (mode === 'json_schema') {
      completion = await options.client.chat.completions.parse(params, { signal: request.signal });
    } else {
      completion = await options.client.chat.completions.create(params, { signal: request.signal });
    }
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new AnswerModelError('rejected', `The model refused: ${message.refusal}`);
    const value =
      mode === 'json_schema' && message?.parsed != null
        ? (message.parsed as T)
        : request.lenient.parse(extractJson(message?.content ?? ''));
    return { value, usage: usageOf(completion), mode, streamed: stream };
  }

  return {
    mode: () => mode,
    streams: () => canStream,
    async run<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
      for (;;) {
        const stream = canStream && request.onSnapshot !== undefined;
        try {
          return await attempt(request, stream);
        } catch (error) {
          if (stream && lacksFeature(error, STREAMING)) {
            canStream = false;
          } else if (mode === 'json_schema' && lacksFeature(error, RESPONSE_FORMAT)) {
            mode = 'json_object';
          } else if (mode === 'json_object' && lacksFeature(error, JSON_MODE)) {
            mode = 'text';
          } else {
            throw error;
          }
          options.logger.warn('model server lacks a feature; falling back', {
            model: options.model,
            mode,
            streaming: canStream,
            error: (error as Error).message,
          });
        }
      }
    },
  };
}

export type ChatJson = ReturnType<typeof createChatJson>;

function usageOf(completion: ChatCompletion): TokenUsage | null {
  const usage = completion.usage;
  if (!usage) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}
