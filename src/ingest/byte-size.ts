/**
 * @module ingest/byte-size
 * Sizes in messages, exact to the byte ("5,242,881 bytes (5.0 MB)"): a size and its limit must never
 * read the same ("1 KB (the limit is 1 KB)" said nothing).
 */

const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  const exact = `${Math.round(bytes).toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return bytes >= MB ? `${exact} (${(bytes / MB).toFixed(1)} MB)` : exact;
}

/** "1,025 bytes, over the limit of 1,024 bytes"; a size not known in full is "more than" the limit. */
export function overLimit(bytes: number | 'unknown', limit: number): string {
  return bytes === 'unknown'
    ? `more than the limit of ${formatBytes(limit)}`
    : `${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}`;
}
