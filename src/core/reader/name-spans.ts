/**
 * @module core/reader/name-spans
 * Which capitalised words of a sentence can answer "who" or "which": a person is a name compromise
 * knows for a person, or a run of two to four capitalised words none of which it reads as a place,
 * an organisation or a date ("Alse Young", not "Dimmitt, Texas" or "Monday"); no name is a sentence's
 * opening function word ("Since", "Even", "Another") nor the question's own name again, in other
 * words or as the words its initials stand for ("Dropbox ATF", "Async Task Framework" for "ATF").
 */
import { tokenize } from '../text/tokenize.js';
import type { TaggedWord } from './counted-thing.js';

/** compromise tags of a word that is no part of a person's name. */
const NOT_PERSON = ['Place', 'Organization', 'Date', 'Month', 'WeekDay', 'Value', 'Possessive'];
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
const MAX_PERSON_WORDS = 4;

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
 * those of `names` (capitalised runs) of two to four words, each a capitalised word that compromise
 * does not read as a place, organisation, date or number, or of one word it tags a person.
 */
export function personSpans(words: readonly TaggedWord[], people: string[], names: string[]): string[] {
  const tags = tagsByWord(words);
  const found = people.filter((p) => /\p{Lu}/u.test(p));
  for (const name of names) {
    const parts = name.split(/\s+/).map(clean).filter(Boolean);
    const tagsOf = (p: string) => tags.get(p.toLowerCase()) ?? [];
    const person =
      parts.length === 1
        ? tagsOf(parts[0] ?? '').includes('Person')
        : parts.length <= MAX_PERSON_WORDS &&
          parts.every((p) => /^\p{Lu}\p{Ll}/u.test(p) && !NOT_PERSON.some((t) => tagsOf(p).includes(t)));
    if (person) found.push(name);
  }
  return found;
}

/** `span` is the sentence's first word and compromise reads it as a function word, not a name. */
export function isPlainOpening(span: string, words: readonly TaggedWord[]): boolean {
  const first = words[0];
  if (!first || span.trim().split(/\s+/).length !== 1) return false;
  if (clean(first.text).toLowerCase() !== clean(span).toLowerCase()) return false;
  return FUNCTION_WORD.some((t) => first.tags.includes(t)) && !first.tags.includes('ProperNoun');
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
