/**
 * @module adapters/slack/network-problem
 * Why a request never got an answer, in words an admin can act on: the name did not resolve, the
 * connection was refused or timed out, or TLS failed. Reads the error `fetch` (undici) throws and the
 * system error in its `cause`.
 */

/** System and undici error codes, grouped by what the admin should look at. */
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED = new Set(['ECONNREFUSED']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** "connection refused (ECONNREFUSED)", "the name did not resolve (ENOTFOUND)", "TLS failed: …". */
export function networkProblem(error: unknown, timeoutMs?: number): string {
  for (const link of causes(error)) {
    const name = (link as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      if (!timeoutMs) return 'no answer in time';
      return `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
    }
    const code = (link as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (DNS.has(code)) return `the name did not resolve (${code})`;
    if (REFUSED.has(code)) return `connection refused (${code})`;
    if (TIMEOUT.has(code)) return `the connection timed out (${code})`;
    if (RESET.has(code)) return `the connection was closed before an answer (${code})`;
    if (UNREACHABLE.has(code)) return `the network is unreachable (${code})`;
    if (isTls(code)) return `TLS failed: ${tlsReason((link as Error).message) || code} (${code})`;
  }
  const last = causes(error).at(-1) as Error | undefined;
  return last?.message || String(error);
}

function isTls(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

/** OpenSSL's "…:SSL routines:ssl3_get_record:wrong version number:…" → "wrong version number". */
function tlsReason(message: string | undefined): string {
  const openssl = /SSL routines:[^:]*:([^:]+):/.exec(message ?? '');
  return (openssl?.[1] ?? message ?? '').trim();
}

/** The error and its causes, outermost first (bounded, in case of a cycle). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let link: unknown = error;
  while (link !== null && link !== undefined && chain.length < 6 && !chain.includes(link)) {
    chain.push(link);
    link = (link as { cause?: unknown }).cause;
  }
  return chain;
}
