/**
 * @module core/reader/key-names
 * The names a question turns on ("How many Raspberry Pis…", "…Dropbox's ATF…"): an answer must be about
 * them, so each must be found in the candidate sentence's close context (`close-context.ts`: the
 * sentences beside it, its paragraph, the article's lead, title and outlet). A sentence about the right
 * fact of another company is a near miss, not an answer. A person named in full in the question is
 * named by surname in most sentences of an article ("Kaplan was working…"): the surname is enough there
 * when the article names the person in full somewhere. A name the question cites as its source ("In
 * that ACLU piece…", "Why does Lifehacker say…", "according to Reuters") says which article to read,
 * not what the sentence is about: it need only be in the article (its text, title or outlet).
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
  /** The name is the source the question cites ("Lifehacker says…"): found anywhere in the article. */
  source: boolean;
}

/** The question's key names; a person's (as `reader` tells them) with their surname. */
export function keyNamesOf(
  question: string,
  reader?: Pick<SentenceReader, 'peopleIn'> & Partial<Pick<SentenceReader, 'tagged'>>,
): KeyName[] {
  const people = new Set((reader?.peopleIn(question) ?? []).map((p) => tokenize(p).join(' ')));
  const named = (text: string, qualifier: boolean): KeyName[] =>
    nameTermsOf(text).map((terms) => {
      const last = terms[terms.length - 1];
      const person =
        terms.length >= 2 && last !== undefined && /\p{L}/u.test(last) && people.has(terms.join(' '));
      return { terms, surname: person ? last : null, qualifier, source: false };
    });
  // An adverb or filler opening the question is capitalised as any sentence's first word ("Roughly how
  // many…", "So who…"): no name. (Question words and auxiliaries are left out by `properNames`.)
  const tagged = reader?.tagged?.(question) ?? [];
  const text = question.replace(/^\s*(?:\p{L}+ly|so|now|ok|okay|also|and|but|hey|please)\b/iu, blank);
  // A person who says something is who the question is about, not where it read it.
  // A person's words, and a role before a name ("Mayor Osei"; not "the Gazette writer").
  const personal = new Set(
    tagged
      .filter(
        (w, i) =>
          PERSON_TAGS.some((t) => w.tags.includes(t)) ||
          (w.tags.includes('Actor') && (tagged[i + 1]?.tags.includes('ProperNoun') ?? false)),
      )
      .flatMap((w) => tokenize(w.text)),
  );
  const sources = new Set(
    sourcesOf(question)
      .filter((name) => !tokenize(name).some((t) => personal.has(t)))
      .map((name) => tokenize(name).join(' '))
      .filter((name) => ![...people].some((p) => name.split(' ').every((t) => p.split(' ').includes(t)))),
  );
  const asked = [...text.matchAll(ASKED_THING)].map((m) => m[0]);
  const names = [
    ...named(
      text.replace(ASKED_THING, (m, lead: string) => lead + blank(m.slice(lead.length))),
      false,
    ),
    ...asked.flatMap((a) => named(a, true)),
  ];
  return names.map((n) => (sources.has(n.terms.join(' ')) ? { ...n, source: true } : n));
}

const PERSON_TAGS = ['Person', 'Honorific', 'FirstName', 'LastName'];

const NAME = String.raw`((?:\p{Lu}[\p{L}\p{N}'’.&-]*\s+){0,3}\p{Lu}[\p{L}\p{N}'’.&-]*)`;
const WORK =
  'piece|article|post|story|blog|report|interview|essay|column|video|podcast|review|guide|paper|newsletter|thread|writeup|write-up|op-ed';
const WRITER = 'writer|author|reporter|blogger|columnist|editor|journalist|staff';
const SAYS =
  'says?|said|writes?|wrote|reports?|reported|argues?|argued|suggests?|suggested|recommends?|recommended|claims?|claimed|notes?|noted|explains?|explained|advises?|advised|warns?|warned|describes?|described';
/** Where a question cites its source: "in that X piece", "the X writer", "X says", "according to X". */
const SOURCE_PHRASES = [
  new RegExp(
    String.raw`\b(?:[Aa]ccording to|[Pp]er|[Ff]rom|[Ii]n|[Oo]n|[Bb]y)\s+(?:that|the|this|an?)?\s*${NAME}(?:['’]s)?\s+(?:${WORK})\b`,
    'gu',
  ),
  new RegExp(String.raw`\b(?:[Aa]ccording to|[Pp]er)\s+(?:the\s+)?${NAME}`, 'gu'),
  new RegExp(String.raw`\b(?:the|that|this|an?)\s+${NAME}\s+(?:${WRITER}|${WORK})\b`, 'gu'),
  new RegExp(String.raw`${NAME}(?:\s+(?:${WRITER}))?\s+(?:${SAYS})\b`, 'gu'),
];

/** The phrases where `question` cites its source ("In that ACLU piece"), each with the name cited. */
function sourcePhrasesOf(question: string): { phrase: string; name: string }[] {
  return SOURCE_PHRASES.flatMap((re) =>
    [...question.matchAll(re)].map((m) => ({ phrase: m[0], name: m[1] ?? '' })),
  );
}

/** The names `question` cites as its source. */
function sourcesOf(question: string): string[] {
  return sourcePhrasesOf(question).flatMap((p) => properNames(p.name));
}

/** The source a question cites: its names, and the index terms of the phrases that cite it. */
export interface CitedSource {
  names: KeyName[];
  /** "aclu piec", "lifehack say": words that say which article to read, not what it says. */
  terms: ReadonlySet<string>;
}

/**
 * The source `question` cites among its key `names` (`keyNamesOf`), or null. Its phrase's words
 * ("that ACLU piece", "the Lifehacker writer says") are found in any sentence of an article that
 * holds the source's name: a sentence of the piece never repeats that it is the piece.
 */
export function citedSourceOf(question: string, names: readonly KeyName[]): CitedSource | null {
  const cited = names.filter((n) => n.source);
  if (cited.length === 0) return null;
  const terms = new Set<string>();
  for (const { phrase } of sourcePhrasesOf(question)) {
    const words = new Set(tokenize(phrase));
    if (cited.some((n) => n.terms.every((t) => words.has(t)))) for (const w of words) terms.add(w);
  }
  return terms.size > 0 ? { names: cited, terms } : null;
}

/** `source`'s names are in the article (`article`: its terms; `initials`: of its names, title, outlet). */
export function citesArticle(
  source: CitedSource,
  article: ReadonlySet<string>,
  initials: ReadonlySet<string>,
): boolean {
  return keyNamesFound(source.names, new Set(), initials, article);
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
 * A qualifier of the thing asked for, or the source the question cites, need only be in `article`
 * (or, in capitals, be the initials of a name of the close context). A term is found in any of its forms
 * (`variantsOf`: "Raspberry Pis" in an article about the Raspberry Pi).
 */
export function keyNamesFound(
  names: readonly KeyName[],
  context: ReadonlySet<string>,
  initials: ReadonlySet<string> = new Set(),
  article: ReadonlySet<string> = new Set(),
): boolean {
  const has = (terms: ReadonlySet<string>, t: string) => variantsOf(t).some((v) => terms.has(v));
  return names.every(({ terms, surname, qualifier, source }) => {
    if (qualifier || source) return terms.every((t) => has(article, t) || initials.has(t));
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

/**
 * The initials of each list of capitalised words in `text`, commas and "or"/"and" between them
 * ("when you're Hungry, Angry, Lonely, or Tired" → "halt"): how an article spells out a made-up
 * acronym, where `initialsOf` reads a name ("American Civil Liberties Union").
 */
export function listInitialsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]*(?:,?\s+(?:(?:or|and)\s+)?\p{Lu}[\p{L}'’-]*)+/gu)) {
    const words = m[0].split(/[\s,]+/).filter((w) => /^\p{Lu}/u.test(w));
    if (words.length >= 2)
      found.add(
        words
          .map((w) => w[0])
          .join('')
          .toLowerCase(),
      );
  }
  return found;
}
