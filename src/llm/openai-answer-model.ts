/**
 * @module llm/openai-answer-model
 * The AnswerModel port on the openai SDK, for OpenAI and any OpenAI-compatible server (Ollama, vLLM,
 * llama.cpp, LM Studio). Bounded: a deadline per call, an output token cap, an optional daily token
 * budget, and a circuit breaker; every failure becomes an AnswerModelError and usage is logged.
 */
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  type AnswerModel,
  AnswerModelError,
  type ModelAnswerDraft,
  type ModelSentence,
  type ModelStoryDraft,
} from '../core/answer-model.js';
import type { Clock, Logger } from '../core/ports.js';
import {
  AnswerOutput,
  completeSentences,
  LenientAnswerOutput,
  LenientStoryOutput,
  StoryOutput,
} from './answer-schema.js';
import { type ChatJsonRequest, createChatJson, type TokenParam, UnusableReplyError } from './chat-json.js';
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
import { mapOpenAiError } from './map-openai-error.js';
import { answerMessages, loadPrompts, storyMessages } from './prompt-messages.js';
import { estimateTokens, type TokenBudget } from './token-budget.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** o1, o3, o4-mini, gpt-5, gpt-5-mini…, also behind a provider prefix ("openai/gpt-5"). */
const REASONING_MODEL = /(^|\/)(o[1-9](-|$)|gpt-5)/i;

export function isReasoningModel(model: string): boolean {
  return REASONING_MODEL.test(model);
}

/**
 * The output cap's name to try first. OpenAI (whatever the URL's spelling) and reasoning models
 * anywhere (Azure, proxies) want max_completion_tokens; other compatible servers know max_tokens.
 * A 400 that names the parameter switches it (chat-json).
 */
export function tokenParamFor(baseURL: string, model: string): TokenParam {
  let host = '';
  try {
    host = new URL(baseURL.trim()).hostname.toLowerCase();
  } catch {
    // An unparsable URL fails at the first call with a clearer message than here.
  }
  return host === 'api.openai.com' || isReasoningModel(model) ? 'max_completion_tokens' : 'max_tokens';
}

export interface OpenAiAnswerModelOptions {
  /** Optional for local servers that need none. */
  apiKey?: string | undefined;
  /** Defaults to OpenAI; e.g. http://127.0.0.1:11434/v1 for Ollama. */
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  maxOutputTokens: number;
  /** Shared with the embedder so that the daily cap covers both. */
  budget?: TokenBudget | undefined;
  clock: Clock;
  logger: Logger;
  /** Where answer-system.md, answer-user.md, story-system.md and story-user.md live. */
  promptsDir: string;
  /** Defaults to a breaker that opens after 3 failures in a row for 60 s. */
  breaker?: CircuitBreaker;
}

export function createOpenAiAnswerModel(options: OpenAiAnswerModelOptions): AnswerModel {
  const prompts = loadPrompts(options.promptsDir);
  const baseURL = options.baseURL ?? OPENAI_BASE_URL;
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    baseURL,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    // A person is waiting: one failure goes to the extractive answer at once.
    maxRetries: 0,
  });
  const chat = createChatJson({
    client,
    model: options.model,
    maxOutputTokens: options.maxOutputTokens,
    tokenParam: tokenParamFor(baseURL, options.model),
    // Reasoning models otherwise spend the whole output cap thinking and return nothing.
    reasoningEffort: isReasoningModel(options.model) ? 'low' : undefined,
    logger: options.logger,
  });
  const breaker = options.breaker ?? createCircuitBreaker({ clock: options.clock });

  async function call<T>(
    kind: 'answer' | 'story',
    request: Omit<ChatJsonRequest<T>, 'signal'>,
  ): Promise<{ value: T; usage: ModelAnswerDraft['usage'] }> {
    const promptEstimate = estimateTokens(
      request.messages.map((m: ChatCompletionMessageParam) => String(m.content)).join('\n'),
    );
    const estimate = promptEstimate + options.maxOutputTokens;
    if (options.budget && !options.budget.allows(estimate)) {
      throw new AnswerModelError('budget', "Today's token budget is used up");
    }
    if (!breaker.allow())
      throw new AnswerModelError('circuit_open', 'The model is paused after repeated failures');
    const started = Date.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
    try {
      const result = await chat.run({ ...request, signal: deadline.signal });
      breaker.succeeded();
      const tokens = result.usage?.totalTokens ?? estimate;
      options.budget?.record(tokens);
      options.logger.info('model call', {
        kind,
        model: options.model,
        mode: result.mode,
        streamed: result.streamed,
        ms: Date.now() - started,
        promptTokens: result.usage?.promptTokens ?? null,
        completionTokens: result.usage?.completionTokens ?? null,
        totalTokens: tokens,
        tokensToday: options.budget?.usedToday() ?? null,
      });
      return { value: result.value, usage: result.usage };
    } catch (error) {
      const mapped = mapOpenAiError(error, deadline.signal.aborted, baseURL);
      // A server that is down, slow or overloaded, or that refuses every call (a wrong key or model
      // name: 401, 403, 404), pauses the model; one that answered this question badly (unreadable, cut
      // off, refused, 400) is healthy, and the next question may go fine.
      const status = (error as { status?: number }).status ?? 0;
      if (mapped.retryable || [401, 403, 404].includes(status)) breaker.failed();
      else breaker.succeeded();
      // A reply that came back was paid for, usable or not.
      if (error instanceof UnusableReplyError) {
        options.budget?.record(error.usage?.totalTokens ?? promptEstimate + estimateTokens(error.content));
      }
      options.logger.warn('model call failed', {
        kind,
        model: options.model,
        reason: mapped.reason,
        ...(error instanceof UnusableReplyError ? { detail: error.detail } : {}),
        error: mapped.message,
        ms: Date.now() - started,
        circuit: breaker.state(),
        tokensToday: options.budget?.usedToday() ?? null,
      });
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    name: options.model,
    async answer(request): Promise<ModelAnswerDraft> {
      const onPartial = request.onPartial;
      const { value, usage } = await call('answer', {
        messages: answerMessages(prompts, request),
        schema: AnswerOutput,
        lenient: LenientAnswerOutput,
        name: 'cited_answer',
        ...(onPartial ? { onSnapshot: partialReporter(onPartial) } : {}),
      });
      return {
        sentences: value.sentences,
        disagreement: value.disagreement,
        cannotAnswer: value.cannot_answer,
        usage,
      };
    },
    async writeStory(request): Promise<ModelStoryDraft> {
      const { value, usage } = await call('story', {
        messages: storyMessages(prompts, request),
        schema: StoryOutput,
        lenient: LenientStoryOutput,
        name: 'digest_story',
      });
      return { headline: value.headline, summary: value.summary, usage };
    },
  };
}

/** onPartial with the finished sentences, called only when one more is finished. */
function partialReporter(onPartial: (sentences: ModelSentence[]) => void): (snapshot: string) => void {
  let reported = 0;
  return (snapshot) => {
    const sentences = completeSentences(snapshot);
    if (sentences.length <= reported) return;
    reported = sentences.length;
    onPartial(sentences);
  };
}
