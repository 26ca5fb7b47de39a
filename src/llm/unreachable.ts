/**
 * @module llm/unreachable
 * Why a model server could not be reached, in words an admin can act on, with its host: the SDK says
 * only "Connection error." and keeps the reason (DNS, refused, TLS, reset) in its cause chain.
 */

/** `host:port` of a base URL, as a person would look for it in their settings. */
export function serverHost(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

const REASONS: [RegExp, string][] = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'DNS: the name does not resolve'],
  [/^ECONNREFUSED$/, 'connection refused'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ECONNABORTED)$/, 'connection timed out'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, 'connection closed before it answered'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/, 'no network route to it'],
  [/^(ERR_SSL_|ERR_TLS_|EPROTO$)|CERT|UNABLE_TO_|SELF_SIGNED/, 'TLS failed'],
];

/** The reason found in an error's cause chain ("connection refused"), or the innermost message. */
export function unreachableReason(error: unknown): string {
  let last = '';
  for (let at = error, depth = 0; at instanceof Error && depth < 6; at = at.cause, depth++) {
    const code = String((at as { code?: unknown }).code ?? '');
    for (const [pattern, reason] of REASONS) {
      if (code && pattern.test(code)) return reason === 'TLS failed' ? `TLS failed: ${code}` : reason;
    }
    last = at.message;
  }
  if (/bad port/i.test(last)) return 'fetch does not allow that port';
  return last.trim().split('\n')[0]?.slice(0, 160) || 'no reason given';
}
