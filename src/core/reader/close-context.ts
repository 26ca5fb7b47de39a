/**
 * @module core/reader/close-context
 * What a sentence is read with when the reader asks whom or what it is about: the sentence, its
 * paragraph up to it, the article's lead, title and outlet (the next sentence only when it is quoted
 * too: a name that comes after a sentence is about what follows). A name the article mentions only in
 * some other paragraph ("…unlike its rival Vantor…" three paragraphs up) does not make the sentence
 * about that name: a near miss often quotes the right fact of another company.
 */
import { tokenize } from '../text/tokenize.js';
import { initialsOf } from './key-names.js';

export interface CloseContext {
  /** Index terms of the sentence and its close context. */
  terms: ReadonlySet<string>;
  /** Initials of the names there ("aclu" for the American Civil Liberties Union). */
  initials: ReadonlySet<string>;
}

/**
 * The close context made of `texts` (the sentence, its paragraph before it, lead, title, outlet).
 * @param tokensOf the index terms of a text: `tokenize`, or the candidates' memo of it
 *   (`candidateSentences` reads the same title, outlet, lead and sentences for every sentence).
 */
export function closeContextOf(
  texts: readonly string[],
  tokensOf: (text: string) => readonly string[] = tokenize,
): CloseContext {
  const terms = new Set<string>();
  for (const text of texts) for (const t of tokensOf(text)) terms.add(t);
  return { terms, initials: initialsOf(texts.join('\n')) };
}

/**
 * The paragraph of `text` (paragraphs end at line breaks) up to the end of `[start, end)`, offsets into
 * `text`: what a reader has read when reaching the end of that sentence.
 */
export function paragraphUpTo(text: string, start: number, end: number): string {
  const from = start > 0 ? text.lastIndexOf('\n', start - 1) + 1 : 0;
  return text.slice(from, end);
}
