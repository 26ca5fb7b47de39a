/**
 * @module core/locate-quote
 * Finds a model's quote in a passage despite whitespace, quote-mark, dash and case differences, and
 * returns the passage's own words: a citation must quote the stored text verbatim, never the model.
 */

const SINGLE_QUOTES = new Set(['‘', '’', '‚', '‛', '′', '`', '´']);
const DOUBLE_QUOTES = new Set(['“', '”', '„', '‟', '″', '«', '»']);
const DASHES = new Set(['‐', '‑', '‒', '–', '—', '―', '−']);
const WORD = /[\p{L}\p{N}]/u;
/**
 * Soft hyphen, zero-width space/joiners, word joiner, invisible operators and BOM: invisible in the
 * article, so a model quoting "in\u00ADvest" writes "invest". Folding skips them.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060-\u2064\uFEFF]/u;
const INVISIBLES = new RegExp(INVISIBLE.source, 'gu');

/** `text` without invisible format characters, so that "mer\u00ADger" reads as one word. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLES, '');
}
/** A quote shorter than this (after folding) could match almost anywhere. */
export const MIN_QUOTE_CHARS = 10;
/** A quote with an ellipsis may span at most this many characters of the passage. */
export const MAX_SPAN_CHARS = 600;

interface Folded {
  text: string;
  /** Index in the original text of each folded character. */
  origin: number[];
}

/**
 * Lower case, one space for any whitespace run, straight quotes and hyphens, "..." for "…", and no
 * invisible format characters.
 */
export function foldForMatch(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  const push = (s: string, i: number) => {
    out += s;
    for (let k = 0; k < s.length; k++) origin.push(i);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    // Before the whitespace test: \s counts U+FEFF as a space.
    if (INVISIBLE.test(c)) continue;
    if (/\s/u.test(c)) {
      if (out.length > 0 && !out.endsWith(' ')) push(' ', i);
    } else if (SINGLE_QUOTES.has(c)) push("'", i);
    else if (DOUBLE_QUOTES.has(c)) push('"', i);
    else if (DASHES.has(c)) push('-', i);
    else if (c === '…') push('...', i);
    else {
      const lower = c.toLowerCase();
      push(lower.length === 1 ? lower : c, i);
    }
  }
  return { text: out, origin };
}

/** The quote's fragments: it is trimmed of quote marks, and split where the model elided words. */
function fragmentsOf(quote: string): string[] {
  return foldForMatch(quote)
    .text.split(/\s*\.\.\.\s*/)
    .map((f) => f.replace(/^[\s"']+|[\s"']+$/g, ''))
    .filter((f) => f.length > 0);
}

/**
 * Where the quote occurs in `text`, as the exact substring of `text` (widened to whole words), or
 * null when it does not occur. Elided quotes ("a ... b") match their fragments in order.
 */
export function locateQuote(text: string, quote: string): string | null {
  const fragments = fragmentsOf(quote);
  if (fragments.join(' ').length < MIN_QUOTE_CHARS) return null;
  const folded = foldForMatch(text);
  let from = 0;
  let start = -1;
  let end = -1;
  for (const fragment of fragments) {
    const at = folded.text.indexOf(fragment, from);
    if (at < 0) return null;
    if (start < 0) start = folded.origin[at] as number;
    end = (folded.origin[at + fragment.length - 1] as number) + 1;
    from = at + fragment.length;
  }
  while (start > 0 && WORD.test(text[start - 1] as string) && WORD.test(text[start] as string)) start--;
  while (end < text.length && WORD.test(text[end] as string) && WORD.test(text[end - 1] as string)) end++;
  if (end - start > MAX_SPAN_CHARS) return null;
  return text.slice(start, end);
}
