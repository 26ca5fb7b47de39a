/**
 * @module llm/map-openai-error
 * The boundary where openai SDK errors become AnswerModelError with a reason the core understands;
 * nothing past this file sees an SDK type.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  OpenAIError,
  RateLimitError,
} from 'openai/error';
import { AnswerModelError } from '../core/answer-model.js';
import { serverHost, unreachableReason } from './unreachable.js';

/**
 * `deadlineHit` tells an abort by our own deadline apart from other aborts; `baseURL` names the server
 * when it could not be reached or did not answer (the person is told which host, and why).
 */
export function mapOpenAiError(error: unknown, deadlineHit = false, baseURL?: string): AnswerModelError {
  if (error instanceof AnswerModelError) return error;
  const options = { cause: error };
  const host = baseURL ? serverHost(baseURL) : null;
  if (error instanceof APIConnectionTimeoutError || (error instanceof APIUserAbortError && deadlineHit)) {
    const told = host ? `The model server at ${host} did not answer in time` : undefined;
    return new AnswerModelError('timeout', told ?? 'The model did not answer in time', {
      ...options,
      ...(told ? { told } : {}),
    });
  }
  if (error instanceof APIUserAbortError)
    return new AnswerModelError('unavailable', 'The call was aborted', options);
  if (error instanceof APIConnectionError) {
    const told = `The model server at ${host ?? 'OPENAI_BASE_URL'} cannot be reached (${unreachableReason(error)})`;
    return new AnswerModelError('unavailable', told, { ...options, told });
  }
  if (error instanceof RateLimitError) return new AnswerModelError('rate_limited', error.message, options);
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return status >= 500 || status === 0
      ? new AnswerModelError('unavailable', `The model server failed (${status}): ${error.message}`, options)
      : new AnswerModelError(
          'rejected',
          `The model server refused the call (${status}): ${error.message}`,
          options,
        );
  }
  if (error instanceof LengthFinishReasonError) {
    return new AnswerModelError('malformed', 'The reply was cut off at the output token limit', options);
  }
  if (error instanceof ContentFilterFinishReasonError) {
    return new AnswerModelError('rejected', 'The reply was withheld by a content filter', options);
  }
  if (deadlineHit) return new AnswerModelError('timeout', 'The model did not answer in time', options);
  const message = error instanceof Error ? error.message : String(error);
  return new AnswerModelError('malformed', `The reply could not be read: ${message.slice(0, 200)}`, options);
}

/**
 * A 400/422/501 that names a feature (response_format, json_schema, stream): the server lacks it,
 * and the call can be retried without it.
 */
export function lacksFeature(error: unknown, feature: RegExp): boolean {
  if (!(error instanceof APIError)) return false;
  return [400, 404, 415, 422, 501].includes(error.status ?? 0) && feature.test(error.message);
}

/**
 * The SDK's stream helper could not assemble the reply: servers that omit `delta.role` (llama.cpp
 * thinking models, some proxies) or `finish_reason`. The same call without streaming works.
 */
export function malformedStream(error: unknown): boolean {
  return (
    error instanceof OpenAIError &&
    !(error instanceof APIError) &&
    /missing (role|finish_reason) for choice/.test(error.message)
  );
}
