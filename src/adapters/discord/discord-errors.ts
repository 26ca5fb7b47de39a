/**
 * @module adapters/discord/discord-errors
 * Maps discord.js failures onto Briefbot's errors at the boundary that owns the SDK, and turns any
 * error into the short line a person sees. Logged as `{code, cause}`; never shown raw.
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { asBriefError, BriefError, DeliveryError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

const PERMISSION_LINES: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.MissingPermissions]:
    'I am missing a permission I need here (Send Messages, Embed Links or Read Message History). Ask a server admin to check my role.',
  [RESTJSONErrorCodes.MissingAccess]:
    'I cannot see or post in this channel or thread. Ask a server admin to give me access.',
  [RESTJSONErrorCodes.CannotReplyWithoutPermissionToReadMessageHistory]:
    'I need the Read Message History permission to reply to messages here.',
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser]:
    'I cannot send you direct messages (your privacy settings block them).',
};

/** Wraps a discord.js error as a DeliveryError (with a user-facing message); anything else as asBriefError. */
export function toBriefError(error: unknown): BriefError {
  if (error instanceof DiscordAPIError) {
    const line = typeof error.code === 'number' ? PERMISSION_LINES[error.code] : undefined;
    return new DeliveryError(line ?? `Discord refused the message (${error.status}).`, false, {
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError('Discord is not responding right now; please try again shortly.', true, {
      cause: error,
    });
  }
  return asBriefError(error);
}

const UNPOSTABLE: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.UnknownChannel]: 'the channel no longer exists (Discord: Unknown Channel)',
  [RESTJSONErrorCodes.MissingAccess]:
    'I can no longer see that channel (Discord: Missing Access); a server admin can give my role access',
  [RESTJSONErrorCodes.MissingPermissions]:
    'I am missing a permission in that channel (Discord: Missing Permissions); I need View Channel, Send Messages and Embed Links',
};

/**
 * A failed post to a channel or user as a DeliveryError for the digest scheduler: `retryable` for rate
 * limits, Discord's 5xx and network failures; not for a channel that is gone or closed to the bot.
 */
export function toDeliveryError(error: unknown): BriefError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? UNPOSTABLE[error.code] : undefined;
    if (known) return new DeliveryError(known, false, { cause: error });
    if (error.status === 429 || error.status >= 500) {
      return new DeliveryError(`Discord is not taking messages right now (HTTP ${error.status})`, true, {
        cause: error,
      });
    }
    return new DeliveryError(`Discord refused the message (HTTP ${error.status}: ${error.message})`, false, {
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(`Discord is not responding (HTTP ${error.status})`, true, { cause: error });
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError('Discord is rate limiting the bot', true, { cause: error });
  }
  if (error instanceof BriefError) return error;
  // fetch failures, timeouts, resets: the network, not the message
  return new DeliveryError('could not reach Discord', true, { cause: error });
}

/** True when the failure means the bot may not post where it tried to. */
export function isPermissionFailure(error: BriefError): boolean {
  const cause = error.cause;
  return cause instanceof DiscordAPIError && typeof cause.code === 'number' && cause.code in PERMISSION_LINES;
}

/** The short, useful line a person sees for a failure. */
export function userLine(error: BriefError): string {
  switch (error.code) {
    case 'bad_request':
    case 'rate_limited':
    case 'delivery':
      return error.message;
    case 'llm':
      return 'The language model is not answering right now; please try again in a minute.';
    case 'not_found':
      return 'I could not find that.';
    default:
      return 'Sorry, something went wrong while answering. It has been logged; please try again.';
  }
}

/** Logs a failure as `{code, cause}` plus where it happened. */
export function logFailure(
  logger: Logger,
  message: string,
  error: BriefError,
  fields: Record<string, unknown> = {},
): void {
  const discordCode = error.cause instanceof DiscordAPIError ? error.cause.code : undefined;
  const level =
    error.code === 'bad_request' || error.code === 'rate_limited'
      ? 'info'
      : error.code === 'delivery'
        ? 'warn'
        : 'error';
  logger[level](message, {
    code: error.code,
    cause: error.cause instanceof Error ? error.cause : error,
    ...(discordCode === undefined ? {} : { discordCode }),
    ...fields,
  });
}
