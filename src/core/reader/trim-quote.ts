/**
 * @module core/reader/trim-quote
 * Cuts an over-long sentence down to the run of clauses that carries most of the question, verbatim.
 * A cut may end at any clause boundary, but it starts only where a clause with its own subject starts:
 * at the sentence's start, or after a semicolon or an unpaired dash that is not followed by a relative
 * pronoun, a conjunction or a participle ("…; which…" has lost its subject). Never after a comma
 * (", 63, a former …" and "which …" are not claims anyone made), nor after a parenthetical's dashes.
 */
import { coverageOf, type TermWeights } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';

/** Words that cannot open a clause quoted on its own: its subject is before them. */
export const DEPENDENT_OPENERS = new Set(
  [
    'which who whom whose that and but or nor yet while whilst where whereby wherein when whereas',
    'although though because as so since if unless until after before including whether once than',
    'like unlike despite with without amid plus to not also then',
    // A verb first: the clause's subject is before the dash ("— has made newsprint since 1921").
    'is are was were be been has have had will would can could may might must shall should said says',
  ]
    .join(' ')
    .split(' '),
);

/**
 * A participle ("— making it the largest …", "— closed in 1921"): a phrase hung on the clause before.
 * A gerund subject ("; spending rose") loses its start too, which only makes the quote start earlier.
 */
const PARTICIPLE = /^\p{Ll}{2,}(?:ing|ed)$/u;

/** Whether a quote may start with `word` (lower-cased before the set is asked). */
function opensAClause(word: string): boolean {
  return word !== '' && !DEPENDENT_OPENERS.has(word.toLowerCase()) && !PARTICIPLE.test(word);
}

/**
 * Offsets where a quote of `sentence` may start: its start, after a semicolon, and after a dash that is
 * the only one of its stretch (between semicolons). Two dashes may hold a parenthetical ("The mill —
 * which opened in 1921 — closed"): neither what they hold nor what follows has a subject, and which
 * of three dashes pair up cannot be told, so a stretch with more than one gives no start.
 */
export function clauseStarts(sentence: string): number[] {
  const starts = [0];
  const wordAt = (at: number) => /^[\p{L}']+/u.exec(sentence.slice(at))?.[0] ?? '';
  let from = 0;
  for (const stretch of sentence.split(/(;\s+)/u)) {
    if (/^;\s+$/u.test(stretch)) {
      from += stretch.length;
      if (opensAClause(wordAt(from))) starts.push(from);
      continue;
    }
    const dashes = [...stretch.matchAll(/\s+[—–]\s+/gu)];
    const [dash] = dashes;
    if (dash && dashes.length === 1) {
      const at = from + dash.index + dash[0].length;
      if (opensAClause(wordAt(at))) starts.push(at);
    }
    from += stretch.length;
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
