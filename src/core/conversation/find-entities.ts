/**
 * @module core/conversation/find-entities
 * Who and what a text names (people with a presumed gender, organisations) and the thing a question
 * asks about, for resolving the pronouns of the next follow-up. Uses compromise (a maintained English
 * NLP library with a name lexicon: it tagged every person in the seed articles' quotes, where cue-word
 * patterns missed "Dave Brown" and "Sam Altman, cofounder and CEO"), loaded on first use because it
 * takes about half a second to load and most commands never need it. Its parses are the reader's
 * (`text/parse-memo.ts`): a question the reader parsed to answer it is not parsed again here.
 */
import type { TurnContext } from '../answer.js';
import { loadNlpParses } from '../text/parse-memo.js';

export type Person = TurnContext['people'][number];

export interface Entities {
  people: Person[];
  organisations: string[];
}

interface TermJson {
  text: string;
  /** Punctuation and space after the word. */
  post?: string;
  tags: string[];
}

/** Job titles compromise keeps in front of a name ("president Dave Brown"). */
const ROLE_WORDS = new Set(
  'president vice ceo cto cfo coo chief executive founder cofounder co-founder chairman chairwoman director head minister senator secretary spokesperson spokesman spokeswoman analyst professor dr mr mrs ms sir'.split(
    ' ',
  ),
);
/** Capitalised words that are not organisations: acronyms of things, months, days, pronouns. */
const NOT_ORGANISATIONS = new Set(
  'ai ceo cto cfo coo gpu gpus cpu cpus us usa uk eu i we you he she they it the a an this that these those monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);
const EDGE_PUNCTUATION = /^[\s"'“”‘’(«]+|[\s"'“”‘’),.;:!?»]+$/gu;

function clean(text: string): string {
  return text
    .replace(/['’]s\b/gu, '')
    .replace(EDGE_PUNCTUATION, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function findEntities(text: string): Promise<Entities> {
  const doc = (await loadNlpParses()).parse(text);
  const people: Person[] = [];
  for (const found of doc.people().json() as { text: string; person?: { presumed_gender?: string } }[]) {
    const words = clean(found.text)
      .split(' ')
      .filter((w) => !ROLE_WORDS.has(w.toLowerCase()));
    const name = words.join(' ');
    // One capitalised word alone ("Major" in a Title Case headline) is rarely a person; a surname after
    // the full name is merged below.
    if (!/\p{Lu}/u.test(name) || (words.length < 2 && !people.some((p) => p.name.split(' ').includes(name))))
      continue;
    const gender = found.person?.presumed_gender;
    const person: Person = { name, gender: gender === 'male' || gender === 'female' ? gender : null };
    // "Garman" after "Matt Garman" is the same person.
    const same = people.find((p) => p.name === name || p.name.split(' ').includes(name));
    if (!same) people.push(person);
  }
  const personWords = new Set(people.flatMap((p) => p.name.split(' ')));
  const organisations: string[] = [];
  const add = (name: string) => {
    const cleaned = clean(name);
    if (cleaned === '' || NOT_ORGANISATIONS.has(cleaned.toLowerCase())) return;
    if (cleaned.split(' ').some((w) => personWords.has(w))) return;
    if (!organisations.some((o) => o.toLowerCase() === cleaned.toLowerCase())) organisations.push(cleaned);
  };
  for (const sentence of doc.json() as { terms: TermJson[] }[]) {
    // In a Title Case headline every word looks like a name: only acronyms and CamelCase names count.
    const words = sentence.terms.filter((t) => /^\p{L}{4,}/u.test(t.text));
    const capitalised = words.filter((t) => /^\p{Lu}/u.test(t.text)).length;
    const titleCase = words.length >= 3 && capitalised >= 0.9 * words.length;
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0) add(run.join(' '));
      run = [];
    };
    sentence.terms.forEach((term, i) => {
      const tags = new Set(term.tags);
      const word = clean(term.text);
      const twoCapitals = /\p{Lu}.*\p{Lu}/u.test(word);
      // The first word of a sentence is capitalised anyway ("While…"): a name there must look like one.
      const plain = tags.has('ProperNoun') && !titleCase && (i > 0 || twoCapitals);
      const named =
        (titleCase
          ? tags.has('Acronym') || twoCapitals
          : tags.has('Organization') || tags.has('Acronym') || plain) &&
        !tags.has('Person') &&
        !tags.has('Place') &&
        /\p{Lu}/u.test(word);
      if (named) run.push(word);
      else flush();
      // A comma ends a name: "Amazon, Nvidia and Microsoft" are three.
      if (/[,;:()—–]/.test(term.post ?? '')) flush();
    });
    flush();
  }
  return { people, organisations };
}

/** Words that end the phrase a question is about ("the openai aws deal *worth*"). */
const PHRASE_TAIL = new Set(
  'worth say said says mean cost costs announce announced be been being do does did rise rose fall fell happen happened deployed sign signed'.split(
    ' ',
  ),
);
const QUANTIFIERS = new Set('many much few several some any all more most'.split(' '));
const NOT_SUBJECTS = new Set(
  'i me you we us it he she they them him her this that these those what who which something anything news'.split(
    ' ',
  ),
);

/**
 * compromise's `nouns().json()` options for each phrase's text alone: by default it also copies every
 * term and parses each phrase (root, plural, determiner), about 5x the cost for the same `text`
 * (compromise reads `terms: false` and `noun: false`, which its types do not declare).
 */
const PHRASE_TEXT_ONLY = { terms: false, noun: false } as unknown as Record<string, never>;

/**
 * The thing a question asks about, as a phrase ("the AWS deal", "the CEO of AWS"): its first noun
 * phrase that is not a person (people are kept apart) or a pronoun; null when it has none.
 */
export async function subjectOf(question: string, people: Person[] = []): Promise<string | null> {
  const { parse } = await loadNlpParses();
  const names = new Set(people.flatMap((p) => [p.name.toLowerCase(), ...p.name.toLowerCase().split(' ')]));
  for (const noun of parse(question).nouns().json(PHRASE_TEXT_ONLY) as { text: string }[]) {
    const words = clean(noun.text).split(' ');
    while (words.length > 0 && PHRASE_TAIL.has((words.at(-1) ?? '').toLowerCase())) words.pop();
    // "how many raspberry pis": the quantity asked about is not part of the thing.
    while (words.length > 1 && QUANTIFIERS.has((words[0] ?? '').toLowerCase())) words.shift();
    const phrase = words.join(' ');
    const bare = phrase.toLowerCase().replace(/^(the|a|an) /, '');
    if (phrase === '' || NOT_SUBJECTS.has(bare) || names.has(bare)) continue;
    if (people.some((p) => p.name.toLowerCase() === bare)) continue;
    return phrase;
  }
  return null;
}
