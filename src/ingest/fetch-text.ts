/**
 * @module ingest/fetch-text
 * Fetches one URL as text: read incrementally and stopped at the size limit, then decoded with the
 * charset the response declares (header, BOM, `<meta charset>` or XML declaration), UTF-8 otherwise.
 */
import { IngestError } from '../core/errors.js';
import { overLimit } from './byte-size.js';

export interface FetchOptions {
  maxBytes: number;
  fetch: typeof globalThis.fetch;
  /** Per-request timeout, in ms; it covers reading the body too. */
  fetchTimeoutMs: number;
}

export interface FetchedText {
  body: string;
  contentType: string;
  /** The URL after redirects: relative links on the page resolve against it. */
  finalUrl: string;
}

const ACCEPT =
  'text/html, application/rss+xml, application/atom+xml, application/json, text/plain;q=0.8, */*;q=0.5';

export async function fetchText(url: string, options: FetchOptions): Promise<FetchedText> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      signal: AbortSignal.timeout(options.fetchTimeoutMs),
      headers: { 'user-agent': 'Briefbot/0.1 (+news briefing bot)', accept: ACCEPT },
    });
  } catch (error) {
    throw new IngestError(url, `could not fetch: ${fetchFailure(error)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new IngestError(url, `could not fetch: HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new IngestError(url, `page too large: ${overLimit(length, options.maxBytes)}`);
  }
  const bytes = await readBody(url, response, options.maxBytes);
  const contentType = response.headers.get('content-type') ?? '';
  return {
    body: decodeText(url, bytes, declaredCharset(contentType, bytes)),
    contentType,
    finalUrl: response.url || url,
  };
}

// A chunked response has no length up front: buffering it whole before checking the limit let one
// endless page take gigabytes of memory, so the body is read chunk by chunk and dropped at the limit.
export async function readBody(url: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new IngestError(url, `page too large: ${overLimit('unknown', maxBytes)}`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(url, `could not fetch: ${fetchFailure(error)}`, { cause: error });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Why a fetch failed, in words a person can act on. Node's fetch says only "fetch failed" (or
 * "terminated") and keeps the reason in `cause`: "redirect count exceeded", "getaddrinfo ENOTFOUND x",
 * a certificate error, or an AggregateError of one refused connection per address.
 */
export function fetchFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? causeText(error.cause) : null;
  if (!cause || message.includes(cause)) return message;
  return message === 'fetch failed' ? cause : `${message}: ${cause}`;
}

function causeText(cause: unknown): string | null {
  if (!(cause instanceof Error)) return typeof cause === 'string' && cause ? cause : null;
  const code = (cause as { code?: unknown }).code;
  const named = typeof code === 'string' && code ? code : null;
  const nested = cause instanceof AggregateError ? cause.errors.map(causeText).filter(Boolean) : [];
  const message = cause.message || [...new Set(nested)].join('; ') || causeText(cause.cause);
  if (!message) return named;
  return named && !message.includes(named) ? `${message} (${named})` : message;
}

/**
 * The charset a response declares, lower-cased, or null: a byte order mark first (it outranks the
 * header, as in browsers), then the Content-Type header, then the byte pattern of a BOM-less UTF-16/32
 * document (XML 1.0 appendix F), then (in the first 4 KB) `<meta charset>`, `<meta http-equiv content>`
 * or `<?xml encoding?>`.
 */
export function declaredCharset(contentType: string, bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  // FF FE 00 00 is UTF-32LE's mark; read as UTF-16LE's (FF FE), it left a NUL after every character.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'utf-32be';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const wide = wideWithoutMark(bytes);
  if (wide) return wide;
  // Any ASCII-compatible charset reads the same here, so latin1 is a safe way to look.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const fromMarkup =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  return fromMarkup ? fromMarkup.toLowerCase() : null;
}

/** UTF-16/32 without a BOM, known by where the NULs of its first ASCII characters ("<?", "{") fall. */
function wideWithoutMark(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const ascii = (b: number | undefined) => b !== undefined && b > 0 && b < 0x80;
  const [b0, b1, b2, b3, b4, , , b7] = bytes;
  if (b0 === 0 && b1 === 0 && b2 === 0 && ascii(b3) && b4 === 0) return 'utf-32be';
  if (ascii(b0) && b1 === 0 && b2 === 0 && b3 === 0 && b7 === 0) return 'utf-32le';
  if (b0 === 0 && ascii(b1) && b2 === 0 && ascii(b3)) return 'utf-16be';
  if (ascii(b0) && b1 === 0 && ascii(b2) && b3 === 0) return 'utf-16le';
  return null;
}

/**
 * Bytes -> text: UTF-8 (strict) unless another charset is given; NUL bytes mean a binary file.
 * Local files are always read as UTF-8; URLs pass the charset their response declares.
 */
export function decodeText(origin: string, bytes: Uint8Array, charset: string | null = null): string {
  const wide = /^utf-?(16|32)/.test(charset ?? '');
  if (!wide && bytes.includes(0)) {
    throw new IngestError(origin, 'binary file: not text (it contains NUL bytes)');
  }
  if (/^utf-?32/.test(charset ?? '')) return decodeUtf32(origin, bytes, charset === 'utf-32be');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8', { fatal: true });
  } catch {
    throw new IngestError(origin, `unsupported charset "${charset}"`);
  }
  try {
    const text = decoder.decode(bytes);
    return decoder.encoding === 'windows-1252' ? text.replace(/[\x80-\x9f]/g, fromWindows1252) : text;
  } catch {
    throw new IngestError(
      origin,
      decoder.encoding === 'utf-8'
        ? 'invalid UTF-8: save the file as UTF-8 text'
        : `invalid text for its declared charset "${charset}"`,
    );
  }
}

/** UTF-32 (which TextDecoder does not know), strict: a code point out of range is an error. */
function decodeUtf32(origin: string, bytes: Uint8Array, bigEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw new IngestError(origin, 'invalid UTF-32 text: cut short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += 4) {
    const point = view.getUint32(at, !bigEndian);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      throw new IngestError(origin, 'invalid UTF-32 text');
    }
    if (!(at === 0 && point === 0xfeff)) parts.push(String.fromCodePoint(point));
  }
  return parts.join('');
}

// Node 20 decodes windows-1252 (which the labels iso-8859-1 and latin1 also name) as ISO-8859-1,
// turning its curly quotes and dashes (0x80-0x9F) into control characters; WHATWG's table puts them back.
const WINDOWS_1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
const fromWindows1252 = (c: string) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c;
