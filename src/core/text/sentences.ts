/**
 * @module core/text/sentences
 * Splits text into sentences with exact offsets, so a citation can quote `text.slice(start, end)`.
 * Line breaks always end a sentence (paragraphs, headings, list items); inside a line, a full stop,
 * question or exclamation mark ends one unless it belongs to an abbreviation, an initial or a number.
 */
import type { SentenceSpan } from '../article.js';

const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof sr jr st mt ft inc ltd co corp llc plc vs etc e.g i.e al fig no nos vol approx est dept
gov sen rep gen col lt sgt capt jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun`
    .split(/\s+/)
    .filter(Boolean),
);

/** Sentence spans of `text` from `from` to `to`, trimmed of surrounding white space. */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '\n') {
      pushTrimmed(text, start, i, spans);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '?' && ch !== '!') continue;
    // Take closing quotes and brackets with the sentence.
    let end = i + 1;
    while (end < to && /["'”’)\]]/u.test(text[end] ?? '')) end++;
    const next = text[end];
    if (end < to && next !== ' ' && next !== '\t' && next !== '\n') continue;
    if (ch === '.' && !endsSentence(text, start, i, end, to)) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
    i = end - 1;
  }
  pushTrimmed(text, start, to, spans);
  return spans;
}

function endsSentence(text: string, start: number, dot: number, after: number, to: number): boolean {
  // The word before the dot, found by walking back (a regex anchored at the end would rescan the
  // whole sentence for every dot in it).
  let from = dot;
  while (from > start && /[\p{L}.]/u.test(text[from - 1] ?? '')) from--;
  const word = text.slice(from, dot);
  const bare = word.toLowerCase().replace(/^\./, '');
  if (ABBREVIATIONS.has(bare)) return false;
  // An initial ("J. Smith") or dotted letters ("U.S. Treasury") rarely end a sentence in news text; a
  // lower-case word or a digit after the dot means the sentence goes on.
  const nextWord = /^[ \t]+(\S)/u.exec(text.slice(after, Math.min(to, after + 4)))?.[1] ?? '';
  if (nextWord === '') return true;
  if (/^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return false;
  return !/^[\p{Ll}\d]$/u.test(nextWord);
}

function pushTrimmed(text: string, start: number, end: number, spans: SentenceSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) spans.push({ start: s, end: e });
}
