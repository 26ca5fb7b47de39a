/**
 * @module core/reader/key-names
 * The names a question turns on ("How many Raspberry Pis…", "…Dropbox's ATF…"): an answer must be about
 * them, so each must be found in the candidate sentence or its context (the sentences beside it, its
 * passage, the article's title and outlet). A sentence about the right fact of another company is a
 * near miss, not an answer.
 */
import { tokenize } from '../text/tokenize.js';
import { properNames } from './answer-spans.js';

/** Each key name of the question as its index terms (a name of several words is several terms). */
export function keyNamesOf(question: string): string[][] {
  // An adverb or filler opening the question is capitalised as any sentence's first word ("Roughly how
  // many…", "So who…"): no name. (Question words and auxiliaries are left out by `properNames`.)
  const rest = question.replace(/^\s*(?:\p{L}+ly|so|now|ok|okay|also|and|but|hey|please)\b/iu, (w) =>
    ' '.repeat(w.length),
  );
  return properNames(rest)
    .map((name) => [...new Set(tokenize(name))])
    .filter((terms) => terms.length > 0);
}

/**
 * Every key name has all its terms (a name of three or more, all but one) in `context`, or, written in
 * capitals, is the initials of `initials` ("ACLU" for the American Civil Liberties Union).
 */
export function keyNamesFound(
  names: string[][],
  context: ReadonlySet<string>,
  initials: ReadonlySet<string> = new Set(),
): boolean {
  return names.every((terms) => {
    const found = terms.filter((t) => context.has(t) || initials.has(t)).length;
    return found >= (terms.length >= 3 ? terms.length - 1 : terms.length);
  });
}

/** The initials of each run of capitalised words in `text` ("American Civil Liberties Union" → "aclu"). */
export function initialsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(
    /\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)?\p{Lu}[\p{L}'’-]*)+/gu,
  )) {
    const words = m[0].split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    found.add(
      words
        .map((w) => w[0])
        .join('')
        .toLowerCase(),
    );
    found.add(
      m[0]
        .split(/\s+/)
        .map((w) => w[0])
        .join('')
        .toLowerCase(),
    );
  }
  return found;
}
