/**
 * @module adapters/slack/split-text
 * Cuts escaped mrkdwn into pieces that fit a Slack field, at the most natural break available, without
 * ever cutting through an entity (`&amp;`), a link (`<url|label>`) or a surrogate pair.
 */

/** Preferred break points, best first: paragraph, line, sentence end, any whitespace. */
const BREAKS = [/\n\n/g, /\n/g, /[.!?]["'”’)\]]*\s/g, /\s/g];

/** Splits `text` into chunks of at most `max` characters; joining them (trimmed at the cuts) gives the text back. */
export function splitText(text: string, max: number): string[] {
  if (max < 16) throw new RangeError('max must be at least 16');
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = findCut(rest, max);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || chunks.length === 0) chunks.push(rest);
  return chunks;
}

function findCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // A cut in the first half would make many tiny pieces; prefer a worse kind of break further on.
  const minimum = Math.floor(max / 2);
  for (const pattern of BREAKS) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (end <= max && end >= minimum && isSafeCut(text, end)) best = end;
    }
    if (best > 0) return best;
  }
  for (let cut = max; cut > minimum; cut--) if (isSafeCut(text, cut)) return cut;
  return max;
}

/** A cut at `index` is safe when it is not inside `&...;`, `<...>` or a surrogate pair. */
function isSafeCut(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  const before = text.slice(Math.max(0, index - 8), index);
  if (/&[a-z#0-9]*$/i.test(before)) return false;
  const open = text.lastIndexOf('<', index - 1);
  return open === -1 || text.lastIndexOf('>', index - 1) > open;
}
