/**
 * @module core/reader/trim-quote
 * Cuts an over-long sentence down to the run of clauses that carries most of the question, verbatim.
 * A cut may end at any clause boundary, but it starts only where a clause with its own subject starts:
 * at the sentence's start, or after a semicolon or a dash that is not followed by a relative pronoun or
 * a conjunction ("…; which…" has lost its subject). Never after a comma: ", 63, a former …" and
 * "which …" are not claims anyone made.
 */
import { coverageOf, type TermWeights } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';

/** Words that cannot open a clause quoted on its own: its subject is before them. */
export const DEPENDENT_OPENERS = new Set(
  'which who whom whose that and but or nor while where when whereas although though because as so since if unless until after before including'.split(
    ' ',
  ),
);

/** Offsets where a quote of `sentence` may start. */
export function clauseStarts(sentence: string): number[] {
  const starts = [0];
  for (const m of sentence.matchAll(/;\s+|\s+[—–]\s+/gu)) {
    const at = m.index + m[0].length;
    const word = /^[\p{L}']+/u.exec(sentence.slice(at))?.[0]?.toLowerCase() ?? '';
    if (word && !DEPENDENT_OPENERS.has(word)) starts.push(at);
  }
  return starts;
}

export function trimToClauses(sentence: string, weights: TermWeights, maxChars: number): string {
  if (sentence.length <= maxChars) return sentence;
  const starts = clauseStarts(sentence);
  const ends: number[] = [];
  for (const m of sentence.matchAll(/[,;:]\s+|\s+[—–-]\s+/gu)) ends.push(m.index);
  ends.push(sentence.length);
  let best = { start: 0, end: 0, coverage: -1 };
  for (const start of starts) {
    for (const end of ends) {
      if (end <= start) continue;
      if (end - start > maxChars) break;
      const coverage = coverageOf(new Set(tokenize(sentence.slice(start, end))), weights);
      if (coverage > best.coverage || (coverage === best.coverage && end - start > best.end - best.start)) {
        best = { start, end, coverage };
      }
    }
  }
  if (best.coverage < 0) {
    // No clause fits: cut the first clause at the last space before the limit, or (text without
    // spaces, e.g. Chinese) at the limit.
    const space = sentence.lastIndexOf(' ', maxChars);
    return sentence.slice(0, space > maxChars / 2 ? space : maxChars).trim();
  }
  return sentence
    .slice(best.start, best.end)
    .replace(/[\s,;:—–-]+$/u, '')
    .trim();
}
