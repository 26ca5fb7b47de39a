/**
 * @module core/reader/answer-kind
 * The kind of answer a question wants, in the terms a careful reader would use: an amount, a count, a
 * date, a duration, a person, an organisation, a place, a named thing, yes or no, a reason or a
 * description. The reader then looks for an answer of that kind in the candidate sentence
 * (`answer-spans.ts`): "How many drawings…?" is not answered by a sentence without a number.
 *
 * The question is read as a reader parses it, not matched against whole-question patterns: its first
 * question word; for "which/what X" the head noun of X ("which state representative" → a person); for
 * "what is the X (of Y)" the class of the noun asked for ("the deadline" → a date, "the name of the
 * judge" → a person); for "what did X do" the verb and its particle ("die of" → a reason, "stand for"
 * → a description, "called" → a name). compromise's tags (`TaggedWord`), when given, end the noun
 * phrase at its verb and tell the verb of "what did X do" from the nouns of X.
 */
import type { TaggedWord } from './counted-thing.js';

export type ReaderKind =
  | 'amount'
  | 'count'
  | 'date'
  | 'duration'
  | 'person'
  | 'organisation'
  | 'place'
  | 'name'
  | 'yesno'
  | 'reason'
  | 'description';

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** The classes of the nouns a question asks for ("which city", "the deadline", "the name of"). */
const NOUN_KINDS: [ReaderKind, Set<string>][] = [
  ['date', set('year years date dates day month decade century time deadline era season week')],
  [
    'amount',
    set(`percentage percent share proportion fraction price prices cost costs amount altitude distance height
      speed rate temperature average median mean total age size length weight value salary budget rent
      fare fee fees revenue sum score capacity population worth margin`),
  ],
  ['count', set('number')],
  ['duration', set('duration lifespan')],
  ['reason', set('reason reasons cause causes motive purpose explanation')],
  [
    'person',
    set(`person man woman people writer author executive ceo official player politician leader artist
      engineer founder scientist journalist reporter director designer developer actor actress singer
      employee member senator representative lawmaker legislator judge mayor president governor minister
      owner farmer driver winner pilot doctor coach teacher victim spokesperson spokesman spokeswoman
      chief chairman chairwoman star musician researcher professor officer king queen prince princess
      celebrity athlete candidate rapper comedian host presenter hero`),
  ],
  [
    'place',
    set(`city cities country countries state states town village place region island continent county
      province nation area neighbourhood neighborhood street river mountain capital location venue
      planet crater lake sea ocean`),
  ],
  [
    'organisation',
    set(`company companies firm corporation organisation organization site website newspaper paper outlet
      agency group university publication publisher brand startup bank party network body institution
      foundation studio label retailer manufacturer court government department ministry service
      project team club dairy farm chain restaurant shop store bakery mill factory plant hospital school
      airline carrier broadcaster charity union league committee council band`),
  ],
  ['name', set('name names title term word nickname model version')],
];
/** "What type of X": the kind of X. */
const SORT = set('type kind sort');

const AUX = set(
  'is are was were be been do does did has have had will would can could should must may might shall',
);
const DO = set('do does did');
const MODAL = set('will would can could should must may might shall');
const PREPOSITIONS = set(
  'of in on at for to from by with about after before over under into than behind near since during',
);
const QUESTION_WORDS = set('what which who whom whose where when why how');
const TIME_UNITS = set(
  'second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries time downtime uptime',
);
/** "How X": the adjectives that ask for a measure ("how old", "how far"). */
const MEASURES = set(
  'much big large small fast far tall heavy high expensive deep wide hot cold strong old cheap wealthy rich low',
);
/** Verbs that ask what brought something about ("What may have started the fire?"). */
const CAUSING =
  /^(?:caus(?:e|es|ed|ing)|start(?:s|ed|ing)?|spark(?:s|ed|ing)?|trigger(?:s|ed|ing)?|lead(?:s|ing)?|led|prompt(?:s|ed|ing)?|driv(?:e|es|ing)|drove|ma(?:de|ke|kes|king)|stop(?:s|ped|ping)?|keep(?:s|ing)?|kept|ignit(?:e|es|ed|ing))$/;
/** "How did X come about": asking for an origin is asking for a cause. */
const ORIGIN =
  /^(?:come about|came about|happen(?:s|ed)?|originat(?:e|es|ed)|arise|arose|form(?:s|ed)?)(?: |$)/;
/** Verbs after "when does X …" that happen at a time (a schedule), not under a condition. */
const SCHEDULED =
  /^(?:come out|launch|open|start|begin|arrive|go on sale|end|close|expire|air|take effect|happen|occur|return|release|ship|resume|finish|land|leave|depart)(?: |$)/;
/** "Can you give me…", "Tell me…": a request; what it asks for follows. */
const REQUEST =
  /^(?:(?:can|could|would|will) you (?:please )?|please )?(?:tell|give|show|explain|describe|list|name|share|find|recommend|suggest)\b(?: (?:me|us))?/;

interface Word {
  text: string;
  tags: readonly string[];
  /** Capitalised after the first word: part of a name ("the Facebook settlement"), not the thing asked. */
  proper?: boolean;
}

/** The question's words, lower case, "what's" read as "what is"; compromise's tags when given. */
function wordsOf(question: string, tagged: readonly TaggedWord[]): Word[] {
  const words: Word[] = [];
  const source = tagged.length > 0 ? tagged.map((w) => ({ text: w.text, tags: w.tags })) : plain(question);
  for (const [i, w] of source.entries()) {
    const proper = i > 0 && /^\p{Lu}/u.test(w.text);
    const text = w.text.toLowerCase().replace(/[’]/g, "'");
    const m = /^(what|who|where|when|how|that|it|there)'s$/.exec(text);
    if (m?.[1]) words.push({ text: m[1], tags: w.tags }, { text: 'is', tags: ['Verb', 'Copula'] });
    else words.push({ text: text.replace(/[^\p{L}\p{N}'-]+/gu, ''), tags: w.tags, proper });
  }
  return words.filter((w) => w.text.length > 0);
}

function plain(question: string): Word[] {
  return question
    .split(/[\s,;:!?()"“”]+/u)
    .filter(Boolean)
    .map((text) => ({ text: text.replace(/\.$/, ''), tags: [] }));
}

const has = (w: Word | undefined, tag: string) => w?.tags.includes(tag) ?? false;
const possessive = (w: Word) => /'s?$/.test(w.text) || has(w, 'Possessive');
const bare = (w: Word) => w.text.replace(/'s?$/, '');

/** The class of a noun asked for, or null ("signals", "camera": a named thing or a description). */
function nounKind(w: Word): ReaderKind | null {
  const text = bare(w);
  for (const [kind, nouns] of NOUN_KINDS) if (nouns.has(text)) return kind;
  return null;
}

/**
 * The kind of answer `question` wants. `tagged` is the question as compromise tags it
 * (`SentenceReader.tagged`); without it the question is read from its words alone.
 */
export function kindOfQuestion(question: string, tagged: readonly TaggedWord[] = []): ReaderKind {
  const all = wordsOf(question, tagged);
  const line = all.map((w) => w.text).join(' ');
  const request = REQUEST.exec(line);
  if (request) {
    const rest = wordsOf(line.slice(request[0].length), []);
    return rest.some((w) => QUESTION_WORDS.has(w.text))
      ? kindOfQuestion(line.slice(request[0].length))
      : beKind(rest);
  }
  const at = all.findIndex((w) => QUESTION_WORDS.has(w.text));
  if (at < 0) return AUX.has(all[0]?.text ?? '') ? 'yesno' : 'description';
  // "Until when", "since when", "by when": a date whatever follows.
  if (all[at]?.text === 'when' && /^(?:until|till|since|by)$/.test(all[at - 1]?.text ?? '')) return 'date';
  return kindAfter(all[at]?.text ?? '', all.slice(at + 1));
}

function kindAfter(wh: string, rest: Word[]): ReaderKind {
  const next = rest[0]?.text ?? '';
  switch (wh) {
    case 'why':
      return 'reason';
    case 'who':
    case 'whom':
    case 'whose':
      return 'person';
    case 'where':
      return 'place';
    case 'when':
      return whenKind(rest);
    case 'how':
      return howKind(rest);
    default:
      if (AUX.has(next)) return whatVerbKind(rest);
      if (asksBySubject(rest)) return CAUSING.test(next) ? 'reason' : 'description';
      return askedThingKind(wh, rest);
  }
}

/**
 * "What caused the fire?": the question word is the subject of a verb. compromise tags some nouns
 * after "which" as verbs ("which state representative"), so a verb followed by a noun is no verb here.
 */
function asksBySubject(rest: Word[]): boolean {
  const [w, after] = [rest[0], rest[1]];
  if (!w) return false;
  if (w.tags.length > 0) return has(w, 'Verb') && !has(w, 'Noun') && !has(after, 'Noun');
  return CAUSING.test(w.text) || /^happen(?:s|ed)$/.test(w.text);
}

/**
 * "When was…", "when did…", "when will…": a date; "when does X kill itself" (a condition, unless a
 * scheduled event: "when does the shop open"), "when should…": a description.
 */
function whenKind(rest: Word[]): ReaderKind {
  const aux = rest[0]?.text ?? '';
  if (aux === 'do' || aux === 'does') {
    const tail = rest.map((w) => w.text.replace(/(?:e?s|ed|ing)$/, ''));
    for (let i = 1; i < tail.length; i++) if (SCHEDULED.test(tail.slice(i).join(' '))) return 'date';
    return 'description';
  }
  return MODAL.has(aux) && aux !== 'will' ? 'description' : 'date';
}

function howKind(rest: Word[]): ReaderKind {
  const [first, second] = [rest[0]?.text ?? '', rest[1]?.text ?? ''];
  if (first === 'come') return 'reason';
  if (first === 'many') return TIME_UNITS.has(second) ? 'duration' : 'count';
  if (first === 'much') return TIME_UNITS.has(second) ? 'duration' : 'amount';
  if (first === 'long' || first === 'often') return 'duration';
  if (MEASURES.has(first) || has(rest[0], 'Adjective') || has(rest[0], 'Comparative')) return 'amount';
  if (AUX.has(first)) {
    const tail = rest.map((w) => w.text);
    for (let i = 2; i < tail.length; i++) if (ORIGIN.test(tail.slice(i).join(' '))) return 'reason';
  }
  return 'description';
}

/** The verb after "what": "what did X die of", "what may have started…", "what is the X of Y". */
function whatVerbKind(rest: Word[]): ReaderKind {
  const words = rest.map((w) => w.text);
  if (words.includes('called') || (words.includes('call') && DO.has(words[0] ?? ''))) return 'name';
  if (DO.has(words[0] ?? '')) return doneKind(words.slice(1));
  let i = 0;
  while (i < words.length && (AUX.has(words[i] ?? '') || words[i] === 'not')) i++;
  // "What may have started…", "what's stopping…": the thing asked for is a cause.
  if (CAUSING.test(words[i] ?? '')) return 'reason';
  return beKind(rest.slice(i));
}

/** "What did X <verb> (<particle>)?": the verb says what is asked. */
function doneKind(words: string[]): ReaderKind {
  const tail = words.join(' ');
  if (/\b(?:die|died|dies) (?:of|from)\b/.test(tail)) return 'reason';
  if (/\bstand for\b|\bmean\b/.test(tail)) return 'description';
  if (/\b(?:cost|pay|paid|charge|earn|weigh|spend|spent)\b/.test(tail)) return 'amount';
  // Not "name": it is as often the subject's noun ("what does the name X get translated as").
  if (/\b(?:use|recommend|suggest|pick|choose|buy|bought)\b/.test(tail)) return 'name';
  return 'description';
}

/**
 * "What is the X (of Y)": the class of the noun asked for, the first of the phrase with one
 * ("the average age" → amount, "the deadline to file" → date); "the name of the judge" → the class of
 * the one named. Any other noun ("the four golden signals", "Project Rainier") asks for a description:
 * a name kind would need the answer capitalised or quoted, and a list of plain words is neither.
 */
function beKind(phrase: Word[]): ReaderKind {
  const end = phrase.findIndex((w, i) => i > 0 && (QUESTION_WORDS.has(w.text) || w.text === 'that'));
  const np = end < 0 ? phrase : phrase.slice(0, end);
  for (let i = 0; i < np.length; i++) {
    const w = np[i] as Word;
    if (possessive(w) || w.proper) continue;
    const kind = nounKind(w);
    if (kind === null) continue;
    // A person, place or organisation as a relation ("the capital of", "the owner of"); "the germiest
    // place in the kitchen" is a thing described, not a named place.
    if ((kind === 'person' || kind === 'place' || kind === 'organisation') && np[i + 1]?.text !== 'of')
      continue;
    if (kind === 'name' && np[i + 1]?.text === 'of') {
      // The one named is the head of "of Y" ("the mayor's speech": a speech), a role noun a person.
      const head = np
        .slice(i + 2)
        .filter((w) => !possessive(w) && !w.proper)
        .map((w) => nounKind(w) ?? (has(w, 'Actor') ? 'person' : null))
        .filter((k) => k !== null)
        .at(-1);
      return head === 'person' || head === 'place' || head === 'organisation' ? head : 'name';
    }
    return kind;
  }
  if (
    /\b(?:cost|price|worth|valued?|revenue|salary|budget|rent|fare|fee)\b/.test(
      np.map((w) => w.text).join(' '),
    )
  )
    return 'amount';
  return 'description';
}

/**
 * "Which/what X …": the head noun of X, the last noun before the verb ("which state representative
 * is" → representative → a person; "what type of incidents" → incidents). A noun of no class is a
 * named thing after "which" ("which rover"), a description after "what" ("what beverage": the answer
 * is as often plain words). "…can eat what?" asks for a thing of any kind: a description.
 */
function askedThingKind(wh: string, rest: Word[]): ReaderKind {
  const thing: Word[] = [];
  let end = rest.length;
  for (const [i, w] of rest.entries()) {
    if (AUX.has(w.text) || PREPOSITIONS.has(w.text) || QUESTION_WORDS.has(w.text) || thing.length >= 3) {
      end = i;
      break;
    }
    // compromise reads some nouns after "which" as verbs ("which state representative"): only a later
    // verb ends the phrase.
    if (i > 0 && has(w, 'Verb') && !has(w, 'Noun')) {
      end = i;
      break;
    }
    thing.push(w);
  }
  const last = thing.at(-1)?.text ?? '';
  if (SORT.has(last) && rest[end]?.text === 'of') return askedThingKind(wh, rest.slice(end + 1));
  if (thing.length === 0) return 'description';
  const head = thing
    .map(nounKind)
    .filter((k) => k !== null)
    .at(-1);
  if (head === 'name' || head === undefined) return wh === 'which' ? 'name' : 'description';
  return head;
}

/**
 * What "which/what X" asks an instance of, when X is a class of organisation, place or named thing
 * ("which team", "which Spanish city", "which programming language", "which rover"): the head noun of X, and the words
 * that stand beside the gap the answer fills (the verb after X, "which site linked…"; or the verb and
 * preposition ending the question, "…does he drive for?"). Null for any other question, or when X is
 * itself a word for a name ("which name", "what title").
 */
export interface AskedHead {
  /** The head noun, lower case ("team", "language"). */
  noun: string;
  /** The class of the noun: an organisation, a place ("which city"), or a named thing of no class. */
  kind: 'organisation' | 'place' | 'name';
  /** The verb right after X ("linked" in "which site linked…"), when the question asks by subject. */
  verbAfter: string | null;
  /**
   * The word and the stranded preposition after it ("drive for", "written in", "logins from" of
   * "…import logins from into Firefox?"), when the question has one.
   */
  gap: [string, string] | null;
}

export function askedHeadOf(question: string, tagged: readonly TaggedWord[] = []): AskedHead | null {
  const all = wordsOf(question, tagged);
  const at = all.findIndex((w) => w.text === 'which' || w.text === 'what');
  if (at < 0 || AUX.has(all[at + 1]?.text ?? '')) return null;
  let rest = all.slice(at + 1);
  if (asksBySubject(rest)) return null;
  let thing: Word[] = [];
  for (;;) {
    thing = [];
    let end = rest.length;
    for (const [i, w] of rest.entries()) {
      const stop = AUX.has(w.text) || PREPOSITIONS.has(w.text) || QUESTION_WORDS.has(w.text);
      if (stop || thing.length >= 3 || (i > 0 && has(w, 'Verb') && !has(w, 'Noun'))) {
        end = i;
        break;
      }
      thing.push(w);
    }
    if (SORT.has(thing.at(-1)?.text ?? '') && rest[end]?.text === 'of') {
      rest = rest.slice(end + 1);
      continue;
    }
    const head = thing.at(-1);
    if (!head) return null;
    const kind = askedThingKind(all[at]?.text ?? '', rest);
    if (kind !== 'organisation' && kind !== 'place' && !(kind === 'name' && nounKind(head) === null))
      return null;
    // "Which company will build…": the verb after the auxiliaries, when X is the subject.
    let v = end;
    while (MODAL.has(rest[v]?.text ?? '')) v++;
    const after = rest[v];
    const verbAfter = after && !AUX.has(after.text) && !PREPOSITIONS.has(after.text) ? after.text : null;
    // The stranded preposition: at the end, or before another ("…import logins from into Firefox?").
    const tail = all.slice(at + 1).map((w) => w.text);
    const p = tail.findIndex(
      (w, i) =>
        i > 0 && PREPOSITIONS.has(w) && (i === tail.length - 1 || PREPOSITIONS.has(tail[i + 1] ?? '')),
    );
    const [verb, prep] = p > 0 ? [tail[p - 1] ?? '', tail[p] ?? ''] : ['', ''];
    const gap: [string, string] | null =
      verb && prep && !AUX.has(verb) && !PREPOSITIONS.has(verb) ? [verb, prep] : null;
    return { noun: bare(head), kind, verbAfter, gap };
  }
}

/** The question asks "why" (not "what caused", "what did X die of", "how did X come about"). */
export function asksWhy(question: string): boolean {
  return wordsOf(question, []).some((w) => w.text === 'why');
}

/** Kinds whose answer is a span the reader can find in a sentence (a reason by its cue words; not yes/no or description). */
export function hasAnswerSpan(kind: ReaderKind): boolean {
  return kind !== 'yesno' && kind !== 'description';
}
