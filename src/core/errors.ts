/**
 * @module core/errors
 * Briefbot's error hierarchy: one base class with a string code, one subclass per failure that a caller
 * handles differently. Adapters catch everything, log `{code, cause}` and tell the person a short line.
 */

export type BriefErrorCode =
  | 'config'
  | 'ingest'
  | 'store'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'llm'
  | 'ungrounded_answer'
  | 'schedule'
  | 'delivery'
  | 'internal';

export class BriefError extends Error {
  readonly code: BriefErrorCode;

  constructor(code: BriefErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BriefError';
    this.code = code;
  }
}

/** Invalid configuration: the message names every bad key and what is allowed. */
export class ConfigError extends BriefError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** One input (file, URL, record) could not be turned into an article. */
export class IngestError extends BriefError {
  readonly origin: string;
  constructor(origin: string, message: string, options?: { cause?: unknown }) {
    super('ingest', message, options);
    this.name = 'IngestError';
    this.origin = origin;
  }
}

/** A request the user can fix: unknown flag, question too long, bad cron string. */
export class BadRequestError extends BriefError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_request', message, options);
    this.name = 'BadRequestError';
  }
}

/** The language model failed; `retryable` tells whether trying again may help. */
export class LlmError extends BriefError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options?: { cause?: unknown }) {
    super('llm', message, options);
    this.name = 'LlmError';
    this.retryable = retryable;
  }
}

/** A model-written answer whose citations do not hold up against the passages it was given. */
export class UngroundedAnswerError extends BriefError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ungrounded_answer', message, options);
    this.name = 'UngroundedAnswerError';
  }
}

/** A chat platform refused or failed to take a message. */
export class DeliveryError extends BriefError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options?: { cause?: unknown }) {
    super('delivery', message, options);
    this.name = 'DeliveryError';
    this.retryable = retryable;
  }
}

/** Wraps anything foreign (SDK errors, strings, nulls) so callers deal with one shape. */
export function asBriefError(error: unknown): BriefError {
  if (error instanceof BriefError) return error;
  if (error instanceof Error) return new BriefError('internal', error.message, { cause: error });
  return new BriefError('internal', String(error), { cause: error });
}
