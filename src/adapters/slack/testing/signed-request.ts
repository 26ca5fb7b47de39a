/**
 * @module adapters/slack/testing/signed-request
 * Sends what Slack sends to the HTTP Events API: bodies signed with the signing secret
 * (`v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`), optionally marked as a retry.
 */
import { createHmac } from 'node:crypto';

export interface SignedPostOptions {
  /** Sets `X-Slack-Retry-Num` (and a retry reason), as Slack does when it delivers an event again. */
  retryNum?: number;
  /** Signs with this secret instead (a forged request). */
  signWith?: string;
  /** Stamps (and signs) the request this many seconds away from now: negative is stale, positive future. */
  skewSeconds?: number;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A signed POST of a raw body, as Slack sends it. */
export async function signedPost(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: SignedPostOptions,
) {
  const timestamp = Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signWith ?? secret, timestamp, body),
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
}

/** An Events API callback (JSON). */
export function postEvent(url: string, secret: string, payload: unknown, options: SignedPostOptions = {}) {
  return signedPost(url, secret, JSON.stringify(payload), 'application/json', options);
}

/** A slash command (form-encoded fields). */
export function postCommand(
  url: string,
  secret: string,
  fields: Record<string, string>,
  options: SignedPostOptions = {},
) {
  return signedPost(
    url,
    secret,
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** An interactive payload (form-encoded `payload=<json>`). */
export function postInteraction(
  url: string,
  secret: string,
  payload: unknown,
  options: SignedPostOptions = {},
) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedPost(url, secret, body, 'application/x-www-form-urlencoded', options);
}
