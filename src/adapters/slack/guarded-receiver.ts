/**
 * @module adapters/slack/guarded-receiver
 * Bolt's HTTPReceiver with a guard in front of its request listener: a request whose body is not a JSON
 * object (a signed `null`, `[]`, `3`) or whose signature timestamp is more than five minutes away from now
 * in either direction is answered at once (400 / 401) and never reaches Bolt.
 *
 * Why: Bolt 5.x reads `body.ssl_check` on whatever JSON.parse returned, inside an un-awaited async closure,
 * so a correctly signed `null` body throws an unhandled rejection that ends the process; and Bolt's
 * signature check refuses only stale timestamps, so a request stamped ten minutes in the future is
 * accepted; an event callback whose `event` is not an object gets a 500. The guard buffers the body with Bolt's own helper, which Bolt then reuses as it is.
 *
 * While the process shuts down (`refuseEvents`), an Events API delivery is answered 503 with
 * `Connection: close` and no `X-Slack-No-Retry`: Slack retries any non-2xx answer (retry reason
 * `http_error`: at once, then after 1 and 5 minutes), so the event reaches another instance. Bolt would
 * otherwise acknowledge it with 200 and start an answer the drain then has to wait for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

/** Slack's own replay window: a signed request more than this far from now is refused. */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;

export interface GuardOptions {
  logger: Logger;
  /** Wall-clock time in ms (signature timestamps are wall-clock); defaults to Date.now. */
  nowMs?: () => number;
  /** Why Events API deliveries are refused for now (the process is draining), or null to take them. */
  refuseEvents?: () => string | null;
}

/** An HTTPReceiver whose request listener refuses malformed and out-of-window requests first. */
export function createGuardedReceiver(options: HTTPReceiverOptions, guard: GuardOptions): HTTPReceiver {
  const receiver = new HTTPReceiver(options);
  const boltListener = receiver.requestListener;
  const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  const nowMs = guard.nowMs ?? Date.now;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      boltListener(req, res);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit).then(
      (buffered) => {
        const raw = buffered.rawBody.toString();
        const refusal = refusalOf(raw, req, nowMs());
        if (refusal) {
          guard.logger.warn('slack request refused', { status: refusal.status, reason: refusal.reason });
          HTTPModuleFunctions.buildNoBodyResponse(res, refusal.status);
          return;
        }
        const draining = guard.refuseEvents?.() ?? null;
        if (draining && isEventCallback(raw, req.headers['content-type'])) {
          guard.logger.info('slack event refused for a retry elsewhere', { status: 503, reason: draining });
          res.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify({ ok: false, error: draining }));
          return;
        }
        boltListener(buffered, res);
      },
      (cause: unknown) => {
        // Over the body limit or a broken stream: Bolt would answer the same, minus the crash risk.
        const status = HTTPModuleFunctions.isRawBodyError(cause) && cause.statusCode === 413 ? 413 : 400;
        guard.logger.warn('slack request refused', { status, reason: (cause as Error).message });
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, status);
      },
    );
  };
  return receiver;
}

interface Refusal {
  status: 400 | 401;
  reason: string;
}

function refusalOf(raw: string, req: IncomingMessage, now: number): Refusal | undefined {
  const stamp = req.headers['x-slack-request-timestamp'];
  if (typeof stamp === 'string' && stamp !== '') {
    const seconds = Number(stamp);
    if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > MAX_REQUEST_SKEW_SECONDS) {
      return { status: 401, reason: 'request timestamp is more than five minutes from now' };
    }
  }
  if (!isObjectBody(raw, req.headers['content-type'])) {
    return { status: 400, reason: 'request body is not a JSON object' };
  }
  return undefined;
}

/**
 * Mirrors HTTPModuleFunctions.parseHTTPRequestBody, but only asks whether the result is an object (and,
 * for an Events API callback, whether its `event` is one: Bolt answers `{"event": null}` with a 500).
 */
function isObjectBody(raw: string, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(raw).get('payload');
      return payload === null || isPlainObject(JSON.parse(payload));
    }
    const body: unknown = JSON.parse(raw);
    if (!isPlainObject(body)) return false;
    const callback = body as { type?: unknown; event?: unknown };
    return callback.type !== 'event_callback' || isPlainObject(callback.event);
  } catch {
    // Malformed JSON: Bolt answers it with 400 itself, without crashing.
    return true;
  }
}

/** An Events API delivery (what Slack retries), as opposed to a command, a click or url_verification. */
function isEventCallback(raw: string, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') return false;
  try {
    return (JSON.parse(raw) as { type?: unknown }).type === 'event_callback';
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
