/**
 * @module llm/chat-json
 * One chat completion that must come back as a JSON object of a known shape, on any OpenAI-compatible
 * server: structured outputs (json_schema) first; where the server lacks them, JSON mode, then plain
 * text; streaming where asked for and supported. Every reply is read the same tolerant way. What a
 * server lacks (or wants instead) is remembered.
 */
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { TokenUsage } from '../core/answer-model.js';
import { AnswerModelError } from '../core/answer-model.js';
import type { Logger } from '../core/ports.js';
import { extractJson } from './answer-schema.js';
import { lacksFeature, malformedStream } from './map-openai-error.js';

export type OutputMode = 'json_schema' | 'json_object' | 'text';
export type TokenParam = 'max_tokens' | 'max_completion_tokens';

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
  /** The output cap's name to try first; switched once if the server names the other one. */
  tokenParam: TokenParam;
  /** Sent as `reasoning_effort` until a server rejects it (reasoning models only). */
  reasoningEffort?: 'low' | undefined;
  logger: Logger;
}

/**
 * A reply that came back but could not be used (cut off, unreadable, refused): the tokens were spent
 * all the same, so the caller charges them to the budget.
 */
export class UnusableReplyError extends AnswerModelError {
  readonly usage: TokenUsage | null;
  /** What the model wrote, for estimating its tokens when the server sent no usage. */
  readonly content: string;
  /** Finer than `reason`, for logs: e.g. `cut_off_empty` when reasoning used the whole output cap. */
  readonly detail: 'cut_off' | 'cut_off_empty' | 'unreadable' | 'refused' | 'content_filter';
  constructor(
    reason: 'malformed' | 'rejected',
    detail: UnusableReplyError['detail'],
    message: string,
    reply: { usage: TokenUsage | null; content: string; cause?: unknown },
  ) {
    super(reason, message, { cause: reply.cause });
    this.name = 'UnusableReplyError';
    this.detail = detail;
    this.usage = reply.usage;
    this.content = reply.content;
  }
}

const RESPONSE_FORMAT = /response_format|json_schema|json schema|structured|schema|grammar/i;
const JSON_MODE = /response_format|json_object|json mode|json/i;
const STREAM_OPTIONS = /stream_options/i;
const STREAMING = /stream/i;
const TOKEN_PARAM = /max_tokens|max_completion_tokens/i;
/** "max_tokens is too large" names the parameter too, but the other name would not help. */
const UNSUPPORTED = /unsupported|not supported|unrecognized|unknown|not allowed|not permitted|extra|instead/i;
const REASONING_EFFORT = /reasoning_effort|reasoning effort/i;

export function createChatJson(options: ChatJsonOptions) {
  let mode: OutputMode = 'json_schema';
  let canStream = true;
  let sendStreamOptions = true;
  let tokenParam = options.tokenParam;
  let tokenParamSwitched = false;
  let reasoningEffort = options.reasoningEffort;

  async function attempt<T>(request: ChatJsonRequest<T>, stream: boolean): Promise<ChatJsonResult<T>> {
    const params = {
      model: options.model,
      messages: request.messages,
      [tokenParam]: options.maxOutputTokens,
      ...(reasoningEffort ? { reasoning_effort: reasoningEffort } : {}),
      ...responseFormat(mode, request),
    };
    let completion: ChatCompletion;
    if (stream) {
      const running = options.client.chat.completions.stream(
        sendStreamOptions ? { ...params, stream_options: { include_usage: true } } : params,
        { signal: request.signal },
      );
      running.on('content.delta', ({ snapshot }) => request.onSnapshot?.(snapshot));
      completion = await running.finalChatCompletion();
    } else {
      completion = await options.client.chat.completions.create(params, { signal: request.signal });
    }
    const value = readReply(completion, request);
    return { value, usage: usageOf(completion), mode, streamed: stream };
  }

  /** Retries once without what the server says it lacks; false when the error is no such thing. */
  function fallBack(error: unknown, stream: boolean): boolean {
    if (!tokenParamSwitched && lacksFeature(error, TOKEN_PARAM) && UNSUPPORTED.test(String(error))) {
      tokenParamSwitched = true;
      tokenParam = tokenParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    } else if (reasoningEffort && lacksFeature(error, REASONING_EFFORT)) {
      reasoningEffort = undefined;
    } else if (stream && sendStreamOptions && lacksFeature(error, STREAM_OPTIONS)) {
      sendStreamOptions = false;
    } else if (stream && (lacksFeature(error, STREAMING) || malformedStream(error))) {
      canStream = false;
    } else if (mode === 'json_schema' && lacksFeature(error, RESPONSE_FORMAT)) {
      mode = 'json_object';
    } else if (mode === 'json_object' && lacksFeature(error, JSON_MODE)) {
      mode = 'text';
    } else {
      return false;
    }
    return true;
  }

  return {
    mode: () => mode,
    streams: () => canStream,
    tokenParam: () => tokenParam,
    async run<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
      for (;;) {
        const stream = canStream && request.onSnapshot !== undefined;
        try {
          return await attempt(request, stream);
        } catch (error) {
          if (!fallBack(error, stream)) throw error;
          options.logger.warn('model server lacks a feature; falling back', {
            model: options.model,
            mode,
            streaming: canStream,
            streamOptions: sendStreamOptions,
            tokenParam,
            reasoningEffort: reasoningEffort ?? null,
            error: (error as Error).message,
          });
        }
      }
    },
  };
}

export type ChatJson = ReturnType<typeof createChatJson>;

/**
 * A plain response_format: the SDK's auto-parsing one would make `.stream()` parse strictly and throw
 * before the tolerant reading below gets its chance.
 */
function responseFormat<T>(mode: OutputMode, request: ChatJsonRequest<T>) {
  if (mode === 'json_object') return { response_format: { type: 'json_object' as const } };
  if (mode === 'text') return {};
  const { type, json_schema } = zodResponseFormat(request.schema, request.name);
  return { response_format: { type, json_schema } };
}

/**
 * The reply's value, read the same way in every mode: the strict schema on the whole content first,
 * then the JSON object taken out of the content (fences, think blocks, prose) with the lenient schema.
 */
function readReply<T>(completion: ChatCompletion, request: ChatJsonRequest<T>): T {
  const choice = completion.choices[0];
  const content = choice?.message.content ?? '';
  const reply = { usage: usageOf(completion), content };
  if (choice?.message.refusal) {
    throw new UnusableReplyError(
      'rejected',
      'refused',
      `The model refused: ${choice.message.refusal}`,
      reply,
    );
  }
  if (choice?.finish_reason === 'content_filter') {
    throw new UnusableReplyError(
      'rejected',
      'content_filter',
      'The reply was withheld by a content filter',
      reply,
    );
  }
  if (choice?.finish_reason === 'length') {
    throw content.trim() === ''
      ? new UnusableReplyError(
          'malformed',
          'cut_off_empty',
          'The reply was cut off before any content: reasoning used the whole output token limit',
          reply,
        )
      : new UnusableReplyError(
          'malformed',
          'cut_off',
          'The reply was cut off at the output token limit',
          reply,
        );
  }
  try {
    const strict = request.schema.safeParse(JSON.parse(content));
    if (strict.success) return strict.data;
  } catch {
    // Not bare JSON: the tolerant path below takes it out of whatever surrounds it.
  }
  try {
    return request.lenient.parse(extractJson(content));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new UnusableReplyError(
      'malformed',
      'unreadable',
      `The reply could not be read: ${why.slice(0, 200)}`,
      { ...reply, cause },
    );
  }
}

function usageOf(completion: ChatCompletion): TokenUsage | null {
  const usage = completion.usage;
  if (!usage) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}
