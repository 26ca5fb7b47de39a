/**
 * @module adapters/slack/slack-errors
 * The boundary that owns the Slack SDK maps its errors to DeliveryError, and turns any BriefError into
 * the one short line a person sees in Slack.
 */
import { ErrorCode as BoltErrorCode, type RespondFn, webApi } from '@slack/bolt';
import { asBriefError, type BriefError, DeliveryError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

const { ErrorCode } = webApi;

/** Maps a Web API or response_url failure to a DeliveryError; other errors pass through asBriefError. */
export function toDeliveryError(error: unknown, action: string): BriefError {
  if (!(error instanceof Error) || !('code' in error)) return asBriefError(error);
  switch (error.code) {
    case ErrorCode.PlatformError: {
      const reason = String((error as webApi.WebAPIPlatformError).data?.error ?? 'unknown_error');
      return new DeliveryError(`Slack refused ${action}: ${reason}`, false, { cause: error });
    }
    case ErrorCode.RateLimitedError:
      return new DeliveryError(`Slack rate-limited ${action}`, true, { cause: error });
    case ErrorCode.HTTPError:
      return new DeliveryError(
        `Slack answered ${action} with HTTP ${(error as webApi.WebAPIHTTPError).statusCode}`,
        true,
        {
          cause: error,
        },
      );
    case ErrorCode.RequestError:
      return new DeliveryError(`Could not reach Slack for ${action}`, true, { cause: error });
    case BoltErrorCode.RespondError:
      return new DeliveryError(`Slack refused ${action} through the response URL`, true, { cause: error });
    default:
      return asBriefError(error);
  }
}

/** The short line a person sees when something fails; BadRequest and rate-limit messages are shown as is. */
export function userMessage(error: BriefError): string {
  switch (error.code) {
    case 'bad_request':
    case 'rate_limited':
    case 'not_found':
      return error.message;
    case 'llm':
      return ':warning: The language model is not answering right now. Please try again in a minute.';
    case 'store':
      return ':warning: I cannot read my article store right now. Please try again shortly; the admins have the details in the log.';
    case 'delivery':
      return ':warning: Slack did not accept my answer, so I could not show it. Please try again in a moment.';
    default:
      return `:warning: Something went wrong on my side (${error.code}). It is logged; please try again.`;
  }
}

/** Shows `failure` privately to the person who clicked; if even that fails, it goes to the log. */
export async function respondWithFailure(
  respond: RespondFn,
  failure: BriefError,
  logger: Logger,
): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: userMessage(failure) }).catch(
    (again: unknown) =>
      logger.error('slack failure not reported in chat', {
        cause: toDeliveryError(again, 'the error message'),
      }),
  );
}
