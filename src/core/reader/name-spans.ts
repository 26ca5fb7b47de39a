/**
 * @module core/reader/name-spans
 * Which capitalised words of a sentence can answer "who" or "which": a person is a name compromise
 * knows for a person, or capitalised words none of which it reads as a place, a date or a number
 * ("Alse Young", not "Dimmitt, Texas" or "Monday"); no name is a sentence's
 * opening function word ("Since", "Even", "Another") nor the question's own name again, in other
 * words or as the words its initials stand for ("Dropbox ATF", "Async Task Framework" for "ATF").
 */
import { tokenize } from '../text/tokenize.js';
import { DEFAULT_READER } from '../tuning.js';
import type { TaggedWord } from './counted-thing.js';

/**
 * compromise tags of a word that is no part of a person's name. Organisations are not among them:
 * "who" often asks for one ("Who bought the mill?"), and compromise reads some people as one.
 */
const NOT_PERSON = ['Place', 'Date', 'Month', 'WeekDay', 'Value'];
/** compromise tags of an opening word that is no name ("Since", "Even", "We've", "Improved"). */
const FUNCTION_WORD = [
  'Preposition',
  'Conjunction',
  'Determiner',
  'Adverb',
  'Pronoun',
  'Adjective',
  'Verb',
  'QuestionWord',
];
/** "parent company Meta", "the Texas firm Acme": a name after the noun of an organisation names one. */
const ORGANISATION_BEFORE = (name: string) =>
  new RegExp(
    `\\b(?:company|companies|firm|group|maker|giant|startup|network|platform|bank|agency|brand|retailer|chain|publisher|studio|label|team|club|party)\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`,
    'i',
  );
/** "near Dimmitt", "in Lake City": a name where a place stands. */
const placeCue = (name: string) =>
  new RegExp(`\\b(?:near|in|outside|across)\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);

/** "Dimmitt, Texas": the name's last word is followed by a comma and a word compromise reads as a place. */
function beforePlace(name: string, words: readonly TaggedWord[]): boolean {
  const last = clean(name.split(/\s+/).at(-1) ?? '').toLowerCase();
  return words.some(
    (w, i) =>
      clean(w.text).toLowerCase() === last &&
      (w.post ?? '').includes(',') &&
      (words[i + 1]?.tags ?? []).includes('Place'),
  );
}
/** Small words inside a capitalised run ("Suga of BTS", "Ursula von der Leyen"). */
const PARTICLE = /^(?:of|de|der|van|von|the)$/;

const clean = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

function tagsByWord(words: readonly TaggedWord[]): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const w of words) {
    const key = clean(w.text).toLowerCase();
    if (key) tags.set(key, [...(tags.get(key) ?? []), ...w.tags]);
  }
  return tags;
}

/**
 * The people of a sentence: `people` (compromise's, with a capital letter: not "first person") and
 * those of `names` (capitalised runs) of up to `maxWords` capitalised words, none of which compromise reads
 * as a place, a date or a number, not inside a place it finds, and not after the noun of an
 * organisation ("Suga", "Alse Young"; not "Dimmitt, Texas", "Monday" or "parent company Meta").
 */
export function personSpans(
  words: readonly TaggedWord[],
  people: string[],
  names: string[],
  places: string[] = [],
  maxWords = DEFAULT_READER.maxPersonNameWords,
): string[] {
  const tags = tagsByWord(words);
  const sentence = words.map((w) => `${w.text}${w.post ?? ' '}`).join('');
  const inPlace = (name: string) =>
    places.some((p) => p.includes(name)) || placeCue(name).test(sentence) || beforePlace(name, words);
  const tagsOf = (p: string) => tags.get(p.toLowerCase()) ?? [];
  const found = people.filter((p) => /\p{Lu}/u.test(p));
  for (const name of names) {
    const parts = name.split(/\s+/).map(clean).filter(Boolean);
    const person =
      parts.length > 0 &&
      parts.length <= maxWords &&
      parts.every(
        (p) => PARTICLE.test(p) || (/^\p{Lu}/u.test(p) && !NOT_PERSON.some((t) => tagsOf(p).includes(t))),
      );
    if (person && !inPlace(name) && !ORGANISATION_BEFORE(name).test(sentence)) found.push(name);
  }
  return found;
}

/**
 * `span` is the sentence's first word alone and compromise reads it as a function word ("Since",
 * "Even"), or, asked for a person, as no proper noun (a capitalised "Fire" opening the sentence).
 */
export function isPlainOpening(span: string, words: readonly TaggedWord[], person = false): boolean {
  const first = words[0];
  if (!first || span.trim().split(/\s+/).length !== 1) return false;
  if (clean(first.text).toLowerCase() !== clean(span).toLowerCase()) return false;
  if (first.tags.includes('ProperNoun') || first.tags.includes('Person')) return false;
  return person || FUNCTION_WORD.some((t) => first.tags.includes(t));
}

/**
 * Every word of `span` is a word of the question, or its capitalised words' initials are one:
 * the span names what the question names, so it tells nothing new.
 */
export function repeatsQuestion(span: string, question: string): boolean {
  const asked = new Set(tokenize(question));
  const terms = tokenize(span);
  if (terms.length > 0 && terms.every((t) => asked.has(t))) return true;
  const capitals = span.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (capitals.length < 2) return false;
  const initials = capitals.map((w) => w[0]?.toLowerCase() ?? '').join('');
  return asked.has(initials);
}
