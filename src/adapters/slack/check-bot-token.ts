/**
 * @module adapters/slack/check-bot-token
 * The start-up `auth.test`, done once and quietly before Bolt starts: an unreachable Slack (DNS, refused,
 * timeout, TLS) is one line naming the host, and a token Slack rejects is one line saying so. Bolt is
 * then given the bot's ids, so it makes no `auth.test` of its own (whose retries logged a warning each).
 */
import { webApi } from '@slack/bolt';
import { BriefError, DeliveryError } from '../../core/errors.js';
import { networkProblem } from './network-problem.js';

/** What `auth.test` says about the bot. */
export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId: string | undefined;
}

export const SLACK_DEFAULT_API_URL = 'https://slack.com/api/';

/** One try, at most this long: `auth.test` is cheap, and a start that hangs helps nobody. */
export const AUTH_TEST_TIMEOUT_MS = 10_000;

/** `auth.test` errors that mean the token itself is no good. */
const REJECTED_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
]);

export async function checkBotToken(
  token: string,
  apiUrl: string = SLACK_DEFAULT_API_URL,
  timeoutMs: number = AUTH_TEST_TIMEOUT_MS,
): Promise<BotIdentity> {
  const client = new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
    logger: QUIET,
  });
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw authTestFailure(error, apiUrl, timeoutMs);
  }
  if (!result.user_id || !result.bot_id) {
    throw new BriefError(
      'config',
      'SLACK_BOT_TOKEN is not a bot token: auth.test names no bot. Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
    );
  }
  return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id };
}

/** The one line an admin reads when `auth.test` fails. */
export function authTestFailure(error: unknown, apiUrl: string, timeoutMs: number): BriefError {
  const host = hostOf(apiUrl);
  const code = (error as { code?: unknown }).code;
  if (code === webApi.ErrorCode.PlatformError) {
    const reason = String((error as webApi.WebAPIPlatformError).data?.error ?? 'unknown_error');
    if (REJECTED_TOKEN.has(reason)) {
      return new BriefError(
        'config',
        `Slack rejected SLACK_BOT_TOKEN (${reason}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page again; if the app was uninstalled or the token revoked, reinstall the app first.`,
        { cause: error },
      );
    }
    return new BriefError('config', `Slack refused auth.test for SLACK_BOT_TOKEN: ${reason}`, {
      cause: error,
    });
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode;
    return new DeliveryError(
      `Slack at ${host} answered auth.test with HTTP ${status}${apiUrl === SLACK_DEFAULT_API_URL ? '; Slack may be having trouble, try again shortly' : '; is SLACK_API_URL right?'}`,
      true,
      { cause: error },
    );
  }
  if (code === webApi.ErrorCode.RequestError) {
    const problem = networkProblem((error as webApi.WebAPIRequestError).original, timeoutMs);
    const hint =
      apiUrl === SLACK_DEFAULT_API_URL
        ? 'check the network, DNS and any proxy'
        : 'check SLACK_API_URL and the network';
    return new DeliveryError(`Cannot reach Slack at ${host}: ${problem}; ${hint}.`, true, { cause: error });
  }
  return new BriefError(
    'config',
    `Slack auth.test failed for SLACK_BOT_TOKEN: ${(error as Error).message ?? String(error)}`,
    { cause: error },
  );
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

/** The check's own client logs nothing: its failure becomes the one line above. */
const QUIET: webApi.Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => webApi.LogLevel.ERROR,
  setName() {},
};
