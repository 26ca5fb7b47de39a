/**
 * @module core/reader/instance-of
 * "Which team…", "which Spanish city…", "which programming language…": a name the sentence gives as
 * something else is no answer ("Tarrow Co." for a team, "Portugal" for a city, "Dropbox" for a
 * language). A name given as one (the head noun beside it, the question's gap: "written in Go") always
 * answers; one the reader cannot type either way is not refused: news names a team "the Chiefs".
 */
import { variantsOf } from '../text/synonyms.js';
import { tokenize } from '../text/tokenize.js';
import type { AskedHead } from './answer-kind.js';
import type { TaggedWord } from './counted-thing.js';

/** Words either side of a name read for its class: "the Kestrel team", "Acme, a Texas company". */
const BESIDE = 3;

const stem = (word: string) => tokenize(word)[0] ?? word.toLowerCase();
const plainWords = (text: string) =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);

/** Up to `BESIDE` words after the name, up to the end of its clause (a comma once, for apposition). */
function wordsAfter(text: string): string[] {
  const clause = /^[^.;:!?()]*/.exec(text)?.[0] ?? '';
  const [first, second] = clause.split(',');
  const upTo = first?.trim() === '' ? `${first},${second ?? ''}` : (first ?? '');
  return plainWords(upTo).slice(0, BESIDE);
}

/** Up to `BESIDE` words before the name, in its sentence ("certain fonts (like Comic Sans…"). */
function wordsBefore(text: string): string[] {
  const clause = /[^.;:!?]*$/.exec(text)?.[0] ?? '';
  return plainWords(clause).slice(-BESIDE);
}

/**
 * `span`, a name of `sentence`, may answer "which `head`": the sentence gives it as one, or at least
 * not as something else. Given as one: the head noun or a synonym in or beside it, the name where the
 * question's gap stands, or, asked for a company, a whole name compromise tags as an organisation.
 * Given as something else: its own last word names another class ("Blue Delta Jean Co." for a team,
 * "the Hollis Foundation Award" for a company), a place asked for a company, a pronoun ("It" after a colon), it stands in a
 * quoted title asked for an organisation, or compromise tags it as a person or an organisation asked
 * for a named thing ("Dropbox" for a
 * programming language), or, asked for a city, a place compromise knows as a country or a region (or
 * the other way). With neither (most news names: "the Chiefs beat the Eagles"), the reader
 * cannot tell and does not refuse it.
 */
export function isInstanceOf(
  sentence: string,
  span: string,
  head: AskedHead,
  words: readonly TaggedWord[] = [],
): boolean {
  const at = sentence.indexOf(span);
  // Part of a word ("Western" of "anti-Western") or a bare number ("In 2000") is no name.
  if (at < 0 || /[\p{L}-]$/u.test(sentence.slice(0, at)) || !/\p{L}/u.test(span)) return false;
  // A place compromise knows for another kind is none, whatever it does ("Arizona" for a country).
  if (head.kind === 'place' && otherPlace(span, head, words)) return false;
  const classTerms = new Set(variantsOf(stem(head.noun)));
  const before = wordsBefore(sentence.slice(0, at));
  const after = wordsAfter(sentence.slice(at + span.length));
  const beside = [...plainWords(span), ...before, ...after];
  if (beside.some((w) => classTerms.has(stem(w)))) return true;
  // "Which site linked…": the name does what the question's verb says ("Slashdot posted a link").
  if (head.verbAfter && after.some((w) => stem(w) === stem(head.verbAfter ?? ''))) return true;
  if (head.gap) {
    const [verb, prep] = head.gap;
    const [v, p] = before.slice(-2);
    if (v && p?.toLowerCase() === prep && stem(v) === stem(verb)) return true;
  }
  // A piece of a longer name ("Daytona International" of "… Speedway") is not the name tagged.
  const whole =
    !/^\s+\p{Lu}/u.test(sentence.slice(at + span.length)) && !/\p{Lu}\S*\s+$/u.test(sentence.slice(0, at));
  if (head.kind === 'place') return true;
  const organisation = whole && tagged(span, words, 'Organization');
  if (GENERAL.has(stem(head.noun)) && organisation) return true;
  const person = whole && tagged(span, words, 'Person');
  if (GENERAL.has(stem(head.noun)) && whole && tagged(span, words, 'Place')) return false;
  return !typedOtherwise(sentence, span, head, organisation, person, tagged(span, words, 'Pronoun'));
}

function typedOtherwise(
  sentence: string,
  span: string,
  head: AskedHead,
  organisation: boolean,
  person: boolean,
  pronoun: boolean,
): boolean {
  const last = stem(plainWords(span).at(-1) ?? '');
  if (CLASS_WORDS.has(last) && !variantsOf(stem(head.noun)).includes(last)) return true;
  if (pronoun) return true;
  if (head.kind === 'organisation') return person || quotedTitle(sentence, span);
  return person || organisation;
}

/** compromise's kinds of place, by the nouns that ask for them. */
const PLACE_TAG: Map<string, string> = new Map(
  [
    ['City', 'city cities town towns village capital'],
    ['Country', 'country countries nation nations'],
    ['Region', 'state states province provinces region county'],
  ].flatMap(([tag, nouns]) => tokenize(nouns ?? '').map((n) => [n, tag ?? ''] as [string, string])),
);

/** Asked for a city, `span` is a place compromise knows as a country or a region (or the other way). */
function otherPlace(span: string, head: AskedHead, words: readonly TaggedWord[]): boolean {
  const asked = PLACE_TAG.get(stem(head.noun));
  if (!asked || tagged(span, words, asked)) return false;
  return ['City', 'Country', 'Region'].some((t) => t !== asked && tagged(span, words, t));
}

/** `span` stands inside a quoted title ("No Country for Old Men"): a work, not an organisation. */
function quotedTitle(sentence: string, span: string): boolean {
  return [...sentence.matchAll(/["“]([^"”]{2,120})["”]/gu)].some((m) => m[1]?.includes(span));
}

/**
 * Heads that ask for an organisation of any sort: compromise's tag says only that much, so it answers
 * "which company", not "which team" or "which newspaper".
 */
const GENERAL = new Set(
  tokenize('company companies firm corporation organisation organization business group institution body'),
);
/** Last words of names that say what sort of thing the name is ("… Co.", "… Award", "… Speedway"). */
const CLASS_WORDS = new Set(
  tokenize(`co inc corp company llc ltd plc foundation university college school bank airlines records
    award prize trophy medal cup speedway stadium arena park street avenue road river lake county`),
);

/** compromise gives every word of `span` the tag `tag`. */
function tagged(span: string, words: readonly TaggedWord[], tag: string): boolean {
  const marked = new Set(
    words.filter((w) => w.tags.includes(tag)).map((w) => plainWords(w.text)[0]?.toLowerCase()),
  );
  const parts = plainWords(span).filter((w) => !/^(?:the|of|and|&)$/i.test(w));
  return parts.length > 0 && parts.every((w) => marked.has(w.toLowerCase()));
}
