/**
 * @module core/reader/answer-focus
 * What the answer must be tied to, read off the question: the event a "when" asks the date of (its
 * main verb: "When will the council vote…" is not answered by the date of another event of the same
 * story) and whether an amount is asked for each one ("How much will each user get…" is not answered
 * by the total of a settlement). compromise tags the question's words; a verb it takes for a noun
 * after "did X" ("did the rover land on Mars") is the last word before the preposition.
 */
import { tokenize } from '../text/tokenize.js';
import { DEFAULT_READER } from '../tuning.js';
import type { TaggedWord } from './counted-thing.js';

export interface AnswerFocus {
  /** The index term of the question's main verb ("vote", "found"); null for be/do/have and the like. */
  verb: string | null;
  /** The question asks an amount for each one ("each user", "per episode", "apiece"). */
  perUnit: boolean;
  /** The question asks someone's or something's age ("how old", "at what age"). */
  age: boolean;
}

const AUXILIARY = new Set(
  'is are was were be been being am do does did will would can could shall should may might must has have had'.split(
    ' ',
  ),
);
/** Verbs that carry no event of their own: the focus is the next verb or none. */
const LIGHT = new Set(
  'be do have get got make take happen say said tell try go come let use want need expect plan'.split(' '),
);
const PER_UNIT_QUESTION = /\b(?:each|per|apiece|a head|a piece|every single)\b/i;
const AGE_QUESTION = /\bhow old\b|\b(?:what|which) age\b/i;

const lower = (w: TaggedWord) => w.text.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, '');

/** The question's focus from its tagged words (compromise's `json()` terms). */
export function focusOf(question: readonly TaggedWord[]): AnswerFocus {
  const text = question.map((w) => w.text).join(' ');
  return { verb: mainVerbOf(question), perUnit: PER_UNIT_QUESTION.test(text), age: AGE_QUESTION.test(text) };
}

function mainVerbOf(words: readonly TaggedWord[]): string | null {
  const start = words.findIndex((w) => w.tags.includes('QuestionWord'));
  if (start < 0) return null;
  let doSupport = false;
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i] as TaggedWord;
    const word = lower(w);
    if (AUXILIARY.has(word)) {
      doSupport ||= /^(?:do|does|did|will|would|can|could|shall|should|may|might|must)$/.test(word);
      continue;
    }
    const verb = w.tags.includes('Verb') && !w.tags.includes('Gerund') && !w.tags.includes('Auxiliary');
    if (verb) return LIGHT.has(word) ? null : (tokenize(w.text)[0] ?? null);
    // "did the rover land on Mars": compromise reads "land" as a noun; it stands before the preposition.
    const next = words[i + 1];
    const beforePreposition = !next || next.tags.includes('Preposition') || /[?]/.test(w.post ?? '');
    if (
      doSupport &&
      i > start + 2 &&
      w.tags.includes('Noun') &&
      beforePreposition &&
      !w.tags.includes('ProperNoun')
    ) {
      return LIGHT.has(word) ? null : (tokenize(w.text)[0] ?? null);
    }
    if (w.tags.includes('Preposition')) return null;
  }
  return null;
}

/** Stems that are one word's forms ("exonerating", "exoneration"): equal, or sharing `letters` letters. */
function sameWord(a: string, b: string, letters: number): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  return n >= letters && a.slice(0, letters) === b.slice(0, letters);
}

/** `text` names the event of `verb` in one of its forms. */
export function namesEvent(
  text: string,
  verb: string,
  letters = DEFAULT_READER.sameWordStemLetters,
): boolean {
  return tokenize(text).some((t) => sameWord(t, verb, letters));
}

/** In a figure's clause, words that make it an amount for each one. */
const EACH = /\b(?:each|per|apiece|every)\b|\//i;
/** After a figure: "a" or "an" and what the amount is for one of ("$20 a month", "$5 a head"). */
const A_UNIT =
  /^\s+(?:a|an) (?:second|minute|hour|day|night|week|month|quarter|year|head|piece|person|share|unit|ticket|user|member|customer|household|family|visit|episode|game|trip|ride)\b/i;

/** The clause of `sentence` (between , ; : ( ) — and its ends) that holds `span`. */
function clauseOf(sentence: string, span: string): string {
  const at = sentence.indexOf(span);
  if (at < 0) return '';
  const before = sentence.slice(0, at);
  const after = sentence.slice(at + span.length);
  const start = Math.max(...[',', ';', ':', '(', '—', ' – '].map((p) => before.lastIndexOf(p)));
  const ends = [',', ';', ':', ')', '—', ' – ', '. '].map((p) => after.indexOf(p)).filter((i) => i >= 0);
  const end = ends.length > 0 ? Math.min(...ends) : after.length;
  return `${before.slice(start + 1)}${span}${after.slice(0, end)}`;
}

/**
 * `span` (an amount of `sentence`) is one for each one: its clause says "each", "per", "apiece" or
 * "every", or "a"/"an" and the one it is for follow it ("$20 a month"), not the thing it totals.
 */
export function isPerUnit(sentence: string, span: string): boolean {
  if (EACH.test(clauseOf(sentence, span))) return true;
  return A_UNIT.test(sentence.slice(sentence.indexOf(span) + span.length));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `span` (a number of `sentence`) is an age: "115-year-old", "89 years old", "aged 38", "at the age
 * of 89", "died at 115", "turned 112", "her 100th birthday", or set off after a name ("McCarthy, 89,
 * died…"). Asked how old someone is, any other number of the story (years in the NBA, the count of
 * centenarians) is no answer.
 */
export function isAge(sentence: string, span: string): boolean {
  // The figure of the span ("89" of "89 years"): what follows it is read from the sentence.
  const n = escapeRegExp(/^[\d,.]+/.exec(span.trim())?.[0] ?? span.trim());
  return new RegExp(
    [
      String.raw`\b${n}[- ]years?[- ]old\b`,
      String.raw`\b(?:aged?|at the age of|age of)\s+${n}\b`,
      String.raw`\b(?:died|dies|death|passed away|retired|retires|turned|turns|was|is)\s+(?:\w+\s+)?at\s+${n}\b(?![,.]?\d)`,
      String.raw`\b(?:turned|turns|turning)\s+${n}\b`,
      String.raw`\b${n}(?:st|nd|rd|th)\s+birthday\b`,
      String.raw`\p{Lu}[\p{L}'’.-]*,\s+${n},`,
    ].join('|'),
    'u',
  ).test(sentence);
}
