/**
 * @module core/reader/counted-thing
 * "How many X": the count that answers is the count of X. A sentence that gives "sixty full-time
 * employees" does not say how many units were shipped, and one that talks about the drawings but
 * counts only the cards does not say how many drawings there were. The thing counted is read off the
 * question; each number of the sentence is attached to the noun that follows it (compromise's tags).
 * The thing is matched in any of its forms (the index terms are Porter2 stems, so "charges" and
 * "charged" are one term), by the project's synonyms, and by the words that count the same things
 * (`COUNTED_ALIKE`: "34 felony counts" answers how many charges). A number that is part of a name or
 * a specification ("Raspberry Pi 3", "Bluetooth 4.1", "a 64-bit CPU", "1.2GHz") counts nothing.
 */
import { variantsOf } from '../text/synonyms.js';
import { tokenize } from '../text/tokenize.js';

/** A word of a sentence as compromise tags it (`doc.json()[i].terms`). */
export interface TaggedWord {
  text: string;
  tags: string[];
  /** The punctuation and space after the word. */
  post?: string;
}

const STOP = new Set(
  'is are was were be been being do does did have has had will would can could should may might must per of in on at for to from by with about after before over under into than so that who which and or'.split(
    ' ',
  ),
);
const DETERMINERS = new Set('the these those its their his her our your my this that all'.split(' '));
/** Words that count things of any kind ("eight million units", "2,000 people"). */
const COUNTERS = new Set(
  tokenize('units unit items copies pieces people persons instances cases examples ones'),
);
/** A count with a word that counts anything ("2,000 people", "eight million units"). */
const GENERIC_COUNT =
  /(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|hundreds|thousands|millions|billions)\b)\S*\s+(?:[\p{L}-]+\s+)?(?:people|persons|units|items|copies|pieces)\b/iu;
/**
 * Words that count the same things, kept apart from `text/synonyms.ts` because they are alike only as
 * what is counted ("charges" and "counts" of an indictment; "a count" is no charge elsewhere).
 */
const COUNTED_ALIKE = [
  'charges counts felonies misdemeanors',
  'employees workers staff staffers',
  'cows cattle',
  'children kids',
  'students pupils',
  'soldiers troops',
  'deaths fatalities',
  'cars vehicles',
  'homes houses',
];
const ALIKE: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of COUNTED_ALIKE) {
    const terms = group.split(' ').flatMap((w) => tokenize(w));
    for (const t of terms) map.set(t, terms);
  }
  return map;
})();

/** The terms that name what `thing` names when counted: its forms, synonyms and `COUNTED_ALIKE`. */
export function countedTermsOf(thing: string): Set<string> {
  return new Set([...variantsOf(thing), ...(ALIKE.get(thing) ?? [])]);
}

/**
 * The thing counted is named where the count stands: in the quote or what the reader has read before
 * it (`context`, its close context), in any of its forms; or the quote itself counts with a word that
 * counts things of any kind ("The plant employs 2,000 people. About 300 of them…" answers how many
 * workers). A count of nothing named ("two of whom", "300 of them") counts what was named before it:
 * when the thing asked is never named there ("five children, two of whom…" asked for grandchildren),
 * the count is of something else.
 */
export function countedThingNamed(thing: string, quote: string, context: ReadonlySet<string>): boolean {
  if (COUNTERS.has(thing) || GENERIC_COUNT.test(quote)) return true;
  const quoted = new Set(tokenize(quote));
  for (const t of countedTermsOf(thing)) if (quoted.has(t) || context.has(t)) return true;
  return false;
}

const names = (w: TaggedWord, thing: ReadonlySet<string>) => tokenize(w.text).some((t) => thing.has(t));

/** Number words compromise tags as nouns. */
const NUMBER_NOUN = /^(?:dozens?|hundreds|thousands|millions|billions|handful)$/i;
const YEAR = /^(?:1[5-9]|20)\d\d$/;
const ends = (w: TaggedWord | undefined) => /[,;:.!?)]/.test(w?.post ?? '');
/** How far after a number the thing counted may stand ("9,000 async tasks", "tens of millions of CPUs"). */
const WINDOW = 4;

/**
 * The index term of the thing a count question counts ("How many original drawings did…" → "draw"),
 * from the question's tagged words; null when it names none ("How many did they sell?"). compromise
 * reads some plural nouns after "how many" as verbs ("tasks", "engineers"): a verb ending in -s is
 * taken for a noun there.
 */
export function countedThingOf(question: readonly TaggedWord[]): string | null {
  const lower = question.map((w) => w.text.toLowerCase());
  let i = lower.findIndex(
    (w, k) => (w === 'many' && lower[k - 1] === 'how') || (w === 'number' && lower[k + 1] === 'of'),
  );
  if (i < 0) return null;
  i += lower[i] === 'number' ? 2 : 1;
  if (lower[i] === 'of') i++;
  while (i < lower.length && DETERMINERS.has(lower[i] ?? '')) i++;
  let head: string | undefined;
  for (let n = 0; i < question.length && n < 4; i++, n++) {
    const w = question[i] as TaggedWord;
    const word = w.text.toLowerCase();
    const verb = w.tags.includes('Verb') && !/s$/.test(word);
    if (STOP.has(word) || /\p{L}ly$/u.test(word) || verb || w.tags.includes('Pronoun')) break;
    head = w.text;
    if (ends(w)) break;
  }
  return head ? (tokenize(head)[0] ?? null) : null;
}

const isValue = (w: TaggedWord) =>
  (w.tags.includes('Value') || NUMBER_NOUN.test(w.text)) &&
  !w.tags.includes('Ordinal') &&
  !w.tags.includes('Date') &&
  !YEAR.test(w.text);

const SCALE = /^(?:hundred|thousand|million|billion|trillion|dozen)s?$/i;
/** A name's word: a proper noun, an acronym or a capitalised noun (compromise leaves a sentence's first untagged). */
const NAME_WORD = (w: TaggedWord | undefined) =>
  w !== undefined &&
  !ends(w) &&
  (w.tags.includes('ProperNoun') ||
    w.tags.includes('Acronym') ||
    (w.tags.includes('Noun') && /^\p{Lu}/u.test(w.text) && !w.tags.includes('Pronoun'))) &&
  !w.tags.includes('Possessive') &&
  !w.tags.includes('Date') &&
  !/['’]s$/.test(w.text);

/**
 * A run of number words `[from, to]` that counts nothing: a name's number after the name ("Raspberry
 * Pi 3", "Firefox 86"), a figure with its unit in one word ("1.2GHz", "802.11n"), the first half of a
 * compound ("64-bit", "five-minute"), or a decimal with no scale after it ("Bluetooth 4.1").
 */
function countsNothing(words: readonly TaggedWord[], from: number, to: number): boolean {
  const first = words[from] as TaggedWord;
  const last = words[to] as TaggedWord;
  if (NAME_WORD(words[from - 1])) return true;
  if (/\d/.test(first.text) && /\p{L}/u.test(first.text)) return true;
  if (last.post === '-' && words[to + 1] !== undefined) return true;
  return /^\d+\.\d+$/.test(first.text.replace(/,/g, '')) && !SCALE.test(last.text);
}

export type Attachment = 'thing' | 'other' | 'unknown';

/** Tags that end the phrase a number stands in. */
const BREAKS = ['Pronoun', 'Verb', 'Conjunction'];

/**
 * The counts of `words` (runs of number words) with what each counts: `thing` when `thing` follows
 * within a few words, `other` when another noun does, `unknown` when none does ("300 of them").
 */
export function countsIn(words: readonly TaggedWord[], thing: string): { text: string; of: Attachment }[] {
  const counts: { text: string; of: Attachment }[] = [];
  const alike = countedTermsOf(thing);
  for (let i = 0; i < words.length; i++) {
    if (!isValue(words[i] as TaggedWord)) continue;
    let j = i;
    while (j + 1 < words.length && !ends(words[j]) && isValue(words[j + 1] as TaggedWord)) j++;
    const text = words
      .slice(i, j + 1)
      .map((w) => w.text)
      .join(' ');
    if (!countsNothing(words, i, j)) counts.push({ text, of: attachment(words, j, alike) });
    i = j;
  }
  return counts;
}

function attachment(words: readonly TaggedWord[], last: number, thing: ReadonlySet<string>): Attachment {
  const after = [];
  for (let k = last + 1; k < words.length && after.length < WINDOW; k++) {
    if (ends(words[k - 1])) break;
    after.push(words[k] as TaggedWord);
  }
  // The thing named before the next clause ("86 shipped with 40 fixes": the 86 counts no fixes).
  const clause = after.findIndex((w) => BREAKS.some((t) => w.tags.includes(t)));
  if ((clause < 0 ? after : after.slice(0, clause)).some((w) => names(w, thing))) return 'thing';
  for (const w of after) {
    if (BREAKS.some((t) => w.tags.includes(t))) break;
    const compound = w.post === '-'; // "full-time employees": the noun is after the compound
    if (
      compound ||
      w.tags.includes('Preposition') ||
      w.tags.includes('Adjective') ||
      w.tags.includes('Determiner')
    )
      continue;
    if (isValue(w)) continue;
    if (w.tags.includes('Noun')) {
      const term = tokenize(w.text)[0];
      return term !== undefined && COUNTERS.has(term) ? 'unknown' : 'other';
    }
    break;
  }
  return 'unknown';
}

/**
 * The counts of a sentence that may answer "how many `thing`": when the sentence names the thing,
 * only counts of it; otherwise every count that is not of something else.
 */
export function countsOfThing(words: readonly TaggedWord[], thing: string): string[] {
  const counts = countsIn(words, thing);
  // Named as a noun: "released" is no mention of the releases counted.
  const alike = countedTermsOf(thing);
  const named = words.some((w) => w.tags.includes('Noun') && names(w, alike));
  const fit = counts.filter((c) => (named ? c.of === 'thing' : c.of !== 'other'));
  return fit.map((c) => c.text);
}
