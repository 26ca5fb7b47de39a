/**
 * @module core/reader/key-names
 * The names a question turns on ("How many Raspberry Pis…", "…Dropbox's ATF…"): an answer must be about
 * them, so each must be found in the candidate sentence's close context (`close-context.ts`: the
 * sentences beside it, its paragraph, the article's lead, title and outlet). A sentence about the right
 * fact of another company is a near miss, not an answer. A person named in full in the question is
 * named by surname in most sentences of an article ("Kaplan was working…"): the surname is enough there
 * when the article names the person in full somewhere.
 */
import { variantsOf } from '../text/synonyms.js';
import { tokenize } from '../text/tokenize.js';
import { properNames, type SentenceReader } from './answer-spans.js';

export interface KeyName {
  /** The name's index terms (a name of several words is several terms). */
  terms: string[];
  /** For a person's name of two or more words, the surname's term; else null. */
  surname: string | null;
  /**
   * The name qualifies the thing asked for ("which US President", "which Hollywood star"): it tells
   * what the answer is, not what the sentence must be about, so the article need only mention it.
   */
  qualifier: boolean;
}

/** The question's key names; a person's (as `reader` tells them) with their surname. */
export function keyNamesOf(question: string, reader?: Pick<SentenceReader, 'peopleIn'>): KeyName[] {
  const people = new Set((reader?.peopleIn(question) ?? []).map((p) => tokenize(p).join(' ')));
  const named = (text: string, qualifier: boolean): KeyName[] =>
    nameTermsOf(text).map((terms) => {
      const last = terms[terms.length - 1];
      const person =
        terms.length >= 2 && last !== undefined && /\p{L}/u.test(last) && people.has(terms.join(' '));
      return { terms, surname: person ? last : null, qualifier };
    });
  // An adverb or filler opening the question is capitalised as any sentence's first word ("Roughly how
  // many…", "So who…"): no name. (Question words and auxiliaries are left out by `properNames`.)
  const text = question.replace(/^\s*(?:\p{L}+ly|so|now|ok|okay|also|and|but|hey|please)\b/iu, blank);
  const asked = [...text.matchAll(ASKED_THING)].map((m) => m[0]);
  return [
    ...named(
      text.replace(ASKED_THING, (m, lead: string) => lead + blank(m.slice(lead.length))),
      false,
    ),
    ...asked.flatMap((a) => named(a, true)),
  ];
}

const blank = (w: string) => ' '.repeat(w.length);

/** "which"/"what" and the words of the thing asked for, up to the verb that follows them. */
const ASKED_THING =
  /(\b(?:which|what)\s+)(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|must)\b)[\p{L}\p{N}'’.-]+\s*){1,3}/giu;

function nameTermsOf(text: string): string[][] {
  return properNames(text)
    .map((name) => [...new Set(tokenize(name))])
    .filter((terms) => terms.length > 0);
}

/**
 * Every key name has all its terms (a name of three or more, all but one) in `context`, or, written in
 * capitals, is the initials of `initials` ("ACLU" for the American Civil Liberties Union), or is a
 * person's whose surname is in `context` and whose every term is in `article` (the article's text).
 * A qualifier of the thing asked for need only be in `article`. A term is found in any of its forms
 * (`variantsOf`: "Raspberry Pis" in an article about the Raspberry Pi).
 */
export function keyNamesFound(
  names: readonly KeyName[],
  context: ReadonlySet<string>,
  initials: ReadonlySet<string> = new Set(),
  article: ReadonlySet<string> = new Set(),
): boolean {
  const has = (terms: ReadonlySet<string>, t: string) => variantsOf(t).some((v) => terms.has(v));
  return names.every(({ terms, surname, qualifier }) => {
    if (qualifier) return terms.every((t) => has(article, t) || initials.has(t));
    const found = terms.filter((t) => has(context, t) || initials.has(t)).length;
    if (found >= (terms.length >= 3 ? terms.length - 1 : terms.length)) return true;
    return surname !== null && has(context, surname) && terms.every((t) => has(article, t));
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
