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
  return properNames(question)
    .map((name) => [...new Set(tokenize(name))])
    .filter((terms) => terms.length > 0);
}

/** Every key name has at least half its terms in `context` ("Arduino LLC" is found in "Arduino"). */
export function keyNamesFound(names: string[][], context: ReadonlySet<string>): boolean {
  return names.every((terms) => {
    const found = terms.filter((t) => context.has(t)).length;
    return found >= Math.ceil(terms.length / 2);
  });
}
