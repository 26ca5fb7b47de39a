/**
 * @module feeds/fetch-feed
 * Polite HTTP for feeds and their pages: conditional GET (ETag, Last-Modified), gzip/deflate/br,
 * redirects followed by hand (so a permanent one can be remembered and a loop named), the per-host
 * limit, a timeout per request and the feed's deadline, the size limit while reading, and the charset
 * declared or sniffed.
 */
import { IngestError } from '../core/errors.js';
import { overLimit } from '../ingest/byte-size.js';
import { declaredCharset, decodeText, fetchFailure, readBody } from '../ingest/fetch-text.js';
import type { HostLimiter } from './host-limiter.js';

export interface HttpOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  limiter: HostLimiter;
  /** Aborted when the feed's deadline passes. */
  deadline: AbortSignal;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchedFeed =
  | { status: 304; cacheMs: number | null }
  | {
      status: 200;
      body: string;
      contentType: string;
      finalUrl: string;
      /** Where every redirect on the way was permanent (301/308), the URL to fetch from now on. */
      movedTo: string | null;
      validators: Validators;
      /** How long the response says it may be cached (Cache-Control max-age, else Expires). */
      cacheMs: number | null;
    };

/** A fetch that failed, with the wait the server asked for (Retry-After), if it did. */
export class FeedFetchError extends IngestError {
  readonly retryAfterMs: number | null;
  constructor(url: string, message: string, retryAfterMs: number | null = null, cause?: unknown) {
    super(url, message, cause === undefined ? undefined : { cause });
    this.retryAfterMs = retryAfterMs;
  }
}

const USER_AGENT = 'Briefbot/0.1 (+news briefing bot; feed poller)';
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** The feed, or 304 when the validators still hold. */
export async function fetchFeed(
  url: string,
  validators: Validators,
  options: HttpOptions,
): Promise<FetchedFeed> {
  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const { response, body, finalUrl, permanent } = await follow(url, headers, options);
  if (body === null) return { status: 304, cacheMs: cacheMsOf(response.headers) };
  return {
    status: 200,
    body,
    contentType: response.headers.get('content-type') ?? '',
    finalUrl,
    movedTo: permanent && finalUrl !== url ? finalUrl : null,
    validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    cacheMs: cacheMsOf(response.headers),
  };
}

/** An entry's page as text, and where it ended up. */
export async function fetchPage(
  url: string,
  options: HttpOptions,
): Promise<{ body: string; finalUrl: string }> {
  const { body, finalUrl } = await follow(url, { accept: PAGE_ACCEPT }, options);
  if (body === null) throw new FeedFetchError(url, 'could not fetch: HTTP 304 without a conditional request');
  return { body, finalUrl };
}

const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * Follows redirects to the response, and reads its body (null for a 304). Each hop holds a slot of
 * the per-host limit until its body is read, so the limit counts downloads, not only request starts.
 */
async function follow(url: string, headers: Record<string, string>, options: HttpOptions) {
  let at = url;
  let permanent = true;
  const seen = new Set<string>([url]);
  for (let hop = 0; ; hop++) {
    const from = at;
    const { response, body } = await options.limiter.run(from, async () => {
      const response = await request(from, headers, options);
      if (!response.ok || (REDIRECTS.includes(response.status) && response.headers.has('location'))) {
        await response.body?.cancel().catch(() => {});
        return { response, body: null };
      }
      return { response, body: await readText(url, response, options.maxBytes) };
    });
    const location = response.headers.get('location');
    if (!REDIRECTS.includes(response.status) || !location) {
      if (response.status === 304 || response.ok) return { response, body, finalUrl: at, permanent };
      const retryAfter = retryAfterMs(response.headers.get('retry-after'), response.headers);
      throw new FeedFetchError(url, `could not fetch: HTTP ${response.status}`, retryAfter);
    }
    const next = new URL(location, at).toString();
    if (seen.has(next)) throw new FeedFetchError(url, `could not fetch: redirect loop (${next})`);
    if (hop + 1 > options.maxRedirects) throw new FeedFetchError(url, 'could not fetch: too many redirects');
    seen.add(next);
    permanent &&= response.status === 301 || response.status === 308;
    at = next;
  }
}

async function request(
  url: string,
  headers: Record<string, string>,
  options: HttpOptions,
): Promise<Response> {
  try {
    return await options.fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.deadline]),
      headers: { 'user-agent': USER_AGENT, 'accept-encoding': 'gzip, deflate, br', ...headers },
    });
  } catch (error) {
    const why = options.deadline.aborted ? "the feed's time limit passed" : fetchFailure(error);
    throw new FeedFetchError(url, `could not fetch: ${why}`, null, error);
  }
}

async function readText(url: string, response: Response, maxBytes: number): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FeedFetchError(url, `too large: ${overLimit(length, maxBytes)}`);
  }
  const bytes = await readBody(url, response, maxBytes);
  return decodeText(url, bytes, declaredCharset(response.headers.get('content-type') ?? '', bytes));
}

/**
 * Cache-Control max-age (s-maxage first), else Expires, in ms; null when neither says. Expires counts
 * from the response's own Date header, so neither our clock nor the server's needs to be right.
 */
export function cacheMsOf(headers: Headers): number | null {
  const control = headers.get('cache-control') ?? '';
  const age = (/s-maxage\s*=\s*"?(\d+)/i.exec(control) ?? /max-age\s*=\s*"?(\d+)/i.exec(control))?.[1];
  if (age !== undefined) return Number(age) * 1000;
  return sinceDateHeader(headers.get('expires'), headers);
}

/** Retry-After in seconds, or as an HTTP date (counted from the Date header), in ms. */
export function retryAfterMs(value: string | null, headers?: Headers): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  return headers ? sinceDateHeader(value, headers) : null;
}

function sinceDateHeader(value: string | null, headers: Headers): number | null {
  const until = Date.parse(value ?? '');
  const sent = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(until) || Number.isNaN(sent) ? null : Math.max(0, until - sent);
}
